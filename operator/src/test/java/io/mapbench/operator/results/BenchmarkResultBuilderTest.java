package io.mapbench.operator.results;

import static io.mapbench.operator.testfixtures.RunFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.MapImpl;
import io.mapbench.operator.api.v1alpha1.ResultRetention;
import io.mapbench.operator.dependent.RemoteNames;
import io.mapbench.operator.dependent.RunRef;
import io.mapbench.operator.testfixtures.RunFixtures;
import org.junit.jupiter.api.Test;

class BenchmarkResultBuilderTest {
    private static final ResultDocument DOC = new ResultReader(ResultSchema.bundled(), ResultExtractor.DEFAULT_MAX_BYTES)
            .read(RunFixtures.resource("pod-log-smoke.txt"));

    @Test
    void identityEnvironmentAndDocument() {
        BenchmarkRun r = run("perf", "seed", "uid-7", "2026-11-25T08:00:00Z");
        BenchmarkResult res = BenchmarkResultBuilder.build("hub", r, "edge-k3s-1", "1.26.8", "edge-node-1", "arm64", DOC);
        assertThat(res.getMetadata().getName()).isEqualTo(RemoteNames.resultName(RunRef.of("hub", r), "edge-k3s-1", "1.26.8"));
        assertThat(res.getMetadata().getNamespace()).isEqualTo("perf");
        assertThat(res.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "result")
                .containsEntry("mapbench.io/run-uid", "uid-7").containsEntry("mapbench.io/cluster", "edge-k3s-1");
        var spec = res.getSpec();
        assertThat(spec.getRun()).isEqualTo("seed");
        assertThat(spec.getRunUid()).isEqualTo("uid-7");
        assertThat(spec.getCluster()).isEqualTo("edge-k3s-1");
        assertThat(spec.getGoVersion()).isEqualTo("1.26.8");
        assertThat(spec.getArch()).isEqualTo("amd64");
        assertThat(spec.getNodeArch()).isEqualTo("arm64");
        assertThat(spec.getNode()).isEqualTo("edge-node-1");
        assertThat(spec.getMapImpl()).isEqualTo(MapImpl.SWISS);
        assertThat(spec.getCpuModel()).isEqualTo("AMD EPYC");
        assertThat(spec.getEmulation()).as("native run: empty emulation is left out").isNull();
        assertThat(spec.getResult()).isSameAs(DOC.raw());
    }

    @Test
    void ownedByTheRunUnlessRetained() {
        BenchmarkRun r = run("perf", "seed", "uid-7", "2026-11-25T08:00:00Z");
        BenchmarkResult owned = BenchmarkResultBuilder.build("hub", r, "cloud-1", "1.26.8", null, null, DOC);
        assertThat(owned.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("BenchmarkRun");
            assertThat(o.getApiVersion()).isEqualTo("mapbench.io/v1alpha1");
            assertThat(o.getName()).isEqualTo("seed");
            assertThat(o.getUid()).isEqualTo("uid-7");
            assertThat(o.getController()).isTrue();
        });
        r.getSpec().setResultRetention(ResultRetention.Retain);
        assertThat(BenchmarkResultBuilder.build("hub", r, "cloud-1", "1.26.8", null, null, DOC).getMetadata().getOwnerReferences())
                .isNullOrEmpty();
    }

    @Test
    void resultsOfAScheduledRunAreOwnedByTheScheduleAndLabelled() {
        BenchmarkRun r = run("perf", "nightly-202603010200", "uid-7", "2026-03-01T02:00:00Z");
        r.getMetadata().setLabels(new java.util.HashMap<>(java.util.Map.of("mapbench.io/schedule", "nightly")));
        r.getMetadata().setOwnerReferences(java.util.List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                .withApiVersion("mapbench.io/v1alpha1").withKind("BenchmarkSchedule").withName("nightly")
                .withUid("uid-schedule").withController(true).build()));

        BenchmarkResult res = BenchmarkResultBuilder.build("hub", r, "cloud-1", "1.26.8", null, null, DOC);

        assertThat(res.getMetadata().getLabels()).containsEntry("mapbench.io/schedule", "nightly")
                .containsEntry("mapbench.io/run-uid", "uid-7");
        assertThat(res.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("BenchmarkSchedule");
            assertThat(o.getName()).isEqualTo("nightly");
            assertThat(o.getUid()).isEqualTo("uid-schedule");
            assertThat(o.getBlockOwnerDeletion()).isTrue();
        });
    }

    @Test
    void scheduleLabelWithoutTheSchedulesOwnerReferenceKeepsTheRunAsOwner() {
        // A hand-made run that only claims a schedule by label: the schedule would not prune its results.
        BenchmarkRun r = run("perf", "copy", "uid-8", "2026-03-01T02:00:00Z");
        r.getMetadata().setLabels(new java.util.HashMap<>(java.util.Map.of("mapbench.io/schedule", "nightly")));
        BenchmarkResult res = BenchmarkResultBuilder.build("hub", r, "cloud-1", "1.26.8", null, null, DOC);
        assertThat(res.getMetadata().getLabels()).doesNotContainKey("mapbench.io/schedule");
        assertThat(res.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("BenchmarkRun"));
    }

    @Test
    void nodeFallsBackToTheDocument() {
        BenchmarkRun r = run("perf", "seed", "uid-7", "2026-11-25T08:00:00Z");
        BenchmarkResult res = BenchmarkResultBuilder.build("hub", r, "cloud-1", "1.26.8", null, null, DOC);
        assertThat(res.getSpec().getNode()).isEqualTo(DOC.environment().nodeName() == null || DOC.environment().nodeName().isEmpty()
                ? null : DOC.environment().nodeName());
    }
}
