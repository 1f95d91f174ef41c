package io.mapbench.operator.dependent;

import static io.mapbench.operator.testfixtures.RunFixtures.cloud;
import static io.mapbench.operator.testfixtures.RunFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.DisruptionPolicy;
import io.mapbench.operator.api.v1alpha1.DisruptionSpec;
import org.junit.jupiter.api.Test;

class DisruptionBudgetBuilderTest {
    private static final DispatchSettings SETTINGS = new DispatchSettings("hub", "mapbench.local", new Quantity("1"), new Quantity("512Mi"));

    @Test
    void integerMinAvailableSelectingTheRunsBenchmarkPods() {
        BenchmarkRun r = run("perf", "seed", "uid-9", "2026-11-25T08:00:00Z");
        PodDisruptionBudget pdb = DisruptionBudgetBuilder.build(r, cloud("cloud-1"), 2, SETTINGS).orElseThrow();
        assertThat(pdb.getMetadata().getName()).isEqualTo(RemoteNames.disruptionBudgetName(RunRef.of("hub", r), "cloud-1"));
        assertThat(pdb.getMetadata().getNamespace()).isEqualTo("mapbench-workloads");
        assertThat(pdb.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "disruption-budget")
                .containsEntry("mapbench.io/run-uid", "uid-9").containsEntry("app.kubernetes.io/managed-by", "mapbench-operator")
                .doesNotContainKey("mapbench.io/go-version");
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
        assertThat(pdb.getSpec().getMinAvailable().getStrVal()).as("an integer, never a percentage").isNull();
        assertThat(pdb.getSpec().getMaxUnavailable()).isNull();
        // The selector matches the labels of the run's Job pods (and nothing of other runs or hubs).
        Job job = WorkloadJobBuilder.build(r, cloud("cloud-1"), "1.26.8", SETTINGS);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry("mapbench.io/run-uid", "uid-9")
                .containsEntry("mapbench.io/hub", "hub").containsEntry("app.kubernetes.io/component", "benchmark");
    }

    @Test
    void allowMeansNoBudget() {
        BenchmarkRun r = run("perf", "seed", "uid-9", "2026-11-25T08:00:00Z");
        DisruptionSpec d = new DisruptionSpec();
        d.setPolicy(DisruptionPolicy.Allow);
        r.getSpec().setDisruption(d);
        assertThat(DisruptionBudgetBuilder.build(r, cloud("cloud-1"), 2, SETTINGS)).isEmpty();
    }

    @Test
    void zeroPodsIsABug() {
        BenchmarkRun r = run("perf", "seed", "uid-9", "2026-11-25T08:00:00Z");
        assertThatThrownBy(() -> DisruptionBudgetBuilder.build(r, cloud("cloud-1"), 0, SETTINGS))
                .hasMessage("expectedPods: 0 (a budget needs at least one pod)");
    }

    @Test
    void hubMustBeALabelValue() {
        assertThatThrownBy(() -> new DispatchSettings("my hub", "mapbench.local", new Quantity("1"), new Quantity("1Gi")))
                .hasMessage("hub name \"my hub\": must be a label value (at most 63 letters, digits, '-', '_' or '.',"
                        + " starting and ending with a letter or digit)");
    }
}
