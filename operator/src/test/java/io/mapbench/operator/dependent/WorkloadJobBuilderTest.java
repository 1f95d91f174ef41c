package io.mapbench.operator.dependent;

import static io.mapbench.operator.testfixtures.RunFixtures.cloud;
import static io.mapbench.operator.testfixtures.RunFixtures.edge;
import static io.mapbench.operator.testfixtures.RunFixtures.run;
import static io.mapbench.operator.testfixtures.RunFixtures.withResources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadJobBuilderTest {
    private static final DispatchSettings SETTINGS = new DispatchSettings("hub", "registry.example.com/mapbench",
            new Quantity("1"), new Quantity("512Mi"));

    private static BenchmarkRun seedRun() {
        BenchmarkRun r = withResources(run("perf", "seed-quick", "uid-1", "2026-11-25T08:00:00Z"), "2", "1Gi");
        r.getSpec().setTimeout("1h30m");
        r.getSpec().setRetries(3);
        return r;
    }

    @Test
    void metadataNamesLabelsAndNamespace() {
        Job job = WorkloadJobBuilder.build(seedRun(), cloud("cloud-1"), "1.26.8", SETTINGS);
        RunRef ref = new RunRef("hub", "perf", "seed-quick", "uid-1");
        assertThat(job.getMetadata().getName()).isEqualTo(RemoteNames.jobName(ref, "cloud-1", "1.26.8"));
        assertThat(job.getMetadata().getNamespace()).isEqualTo("mapbench-workloads");
        Map<String, String> expectedLabels = Map.of(
                "app.kubernetes.io/name", "mapbench",
                "app.kubernetes.io/instance", "seed-quick",
                "app.kubernetes.io/component", "benchmark",
                "app.kubernetes.io/managed-by", "mapbench-operator",
                "mapbench.io/run-uid", "uid-1",
                "mapbench.io/run-name", "seed-quick",
                "mapbench.io/run-namespace", "perf",
                "mapbench.io/hub", "hub",
                "mapbench.io/cluster", "cloud-1",
                "mapbench.io/go-version", "1.26.8");
        assertThat(job.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(expectedLabels);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(expectedLabels);
        assertThat(job.getMetadata().getAnnotations()).containsEntry("mapbench.io/run", "perf/seed-quick")
                .containsEntry("mapbench.io/cluster", "cloud-1");
        // The run's spec as dispatched, for humans in the member (no record object of its own).
        var spec = Serialization.unmarshal(job.getMetadata().getAnnotations().get("mapbench.io/run-spec"),
                com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(spec.get("suite").asText()).isEqualTo("smoke");
        assertThat(spec.get("goVersions").get(0).asText()).isEqualTo("1.26");
        assertThat(spec.get("timeout").asText()).isEqualTo("1h30m");
        assertThat(job.getMetadata().getOwnerReferences()).as("owner references cannot cross clusters").isNullOrEmpty();
    }

    @Test
    void jobSpecFromTimeoutAndRetries() {
        Job job = WorkloadJobBuilder.build(seedRun(), cloud("cloud-1"), "1.26.8", SETTINGS);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(5400L);
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(3);
        assertThat(job.getSpec().getCompletions()).isEqualTo(1);
        assertThat(job.getSpec().getParallelism()).isEqualTo(1);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).as("the operator deletes after reading the log").isNull();
    }

    @Test
    void defaultsWhenTimeoutAndRetriesAreUnset() {
        BenchmarkRun r = run("perf", "r", "uid-2", "2026-11-25T08:00:00Z");
        Job job = WorkloadJobBuilder.build(r, cloud("cloud-1"), "1.26.8", SETTINGS);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(1800L);
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(1);
    }

    @Test
    void podFailurePolicyFailsOnInvalidInputAndIgnoresDisruptions() {
        List<PodFailurePolicyRule> rules = WorkloadJobBuilder.build(seedRun(), cloud("cloud-1"), "1.26.8", SETTINGS)
                .getSpec().getPodFailurePolicy().getRules();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).getAction()).isEqualTo("FailJob");
        assertThat(rules.get(0).getOnExitCodes().getContainerName()).isEqualTo("mapbench");
        assertThat(rules.get(0).getOnExitCodes().getOperator()).isEqualTo("In");
        assertThat(rules.get(0).getOnExitCodes().getValues()).containsExactly(2);
        assertThat(rules.get(1).getAction()).isEqualTo("Ignore");
        assertThat(rules.get(1).getOnPodConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("DisruptionTarget");
            assertThat(c.getStatus()).isEqualTo("True");
        });
    }

    @Test
    void podIsRestrictedAndGuaranteed() {
        PodSpec pod = WorkloadJobBuilder.build(seedRun(), cloud("cloud-1"), "1.26.8", SETTINGS).getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getEnableServiceLinks()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getContainers()).hasSize(1);
        Container c = pod.getContainers().get(0);
        assertThat(c.getName()).isEqualTo("mapbench");
        assertThat(c.getCommand()).as("args only, never command").isNullOrEmpty();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(c.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getResources().getRequests()).isEqualTo(c.getResources().getLimits());
        assertThat(c.getResources().getLimits()).containsEntry("cpu", new Quantity("2")).containsEntry("memory", new Quantity("1Gi"));
        assertThat(c.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(c.getTerminationMessagePolicy()).isEqualTo("File");
        assertThat(c.getVolumeMounts()).singleElement().satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes()).singleElement().satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
    }

    @Test
    void imageArgsAndEnvironment() {
        Container c = WorkloadJobBuilder.build(seedRun(), cloud("cloud-1"), "1.26.8", SETTINGS)
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("registry.example.com/mapbench/mapbench-workload:go1.26.8");
        assertThat(c.getArgs()).containsExactly("run", "--suite", "smoke", "--repetitions", "10",
                "--termination-log", "/dev/termination-log");
        assertThat(env(c, "GOMAXPROCS").getValue()).isEqualTo("2");
        // 90% of 1Gi: headroom for the runtime's memory outside the Go heap.
        assertThat(env(c, "GOMEMLIMIT").getValue()).isEqualTo("966367641");
        assertThat(env(c, "MAPBENCH_CLUSTER").getValue()).isEqualTo("cloud-1");
        assertThat(env(c, "NODE_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
    }

    @Test
    void gomaxprocsRoundsFractionalCpuUpOrFollowsTheSpec() {
        BenchmarkRun r = withResources(run("perf", "r", "u", "2026-11-25T08:00:00Z"), "1500m", "256Mi");
        Container c = WorkloadJobBuilder.build(r, cloud("cloud-1"), "1.26.8", SETTINGS).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(c, "GOMAXPROCS").getValue()).isEqualTo("2");
        assertThat(env(c, "GOMEMLIMIT").getValue()).isEqualTo("241591910");
        r.getSpec().setGomaxprocs(1);
        c = WorkloadJobBuilder.build(r, cloud("cloud-1"), "1.26.8", SETTINGS).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(c, "GOMAXPROCS").getValue()).isEqualTo("1");
        BenchmarkRun small = withResources(run("perf", "s", "u2", "2026-11-25T08:00:00Z"), "250m", "128Mi");
        c = WorkloadJobBuilder.build(small, cloud("cloud-1"), "1.26.8", SETTINGS).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(c, "GOMAXPROCS").getValue()).as("at least one").isEqualTo("1");
    }

    @Test
    void defaultResourcesAndRunImageRepository() {
        BenchmarkRun r = run("perf", "r", "u", "2026-11-25T08:00:00Z");
        r.getSpec().setImageRepository("ghcr.io/team/images");
        Container c = WorkloadJobBuilder.build(r, cloud("cloud-1"), "1.23.12", SETTINGS).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("ghcr.io/team/images/mapbench-workload:go1.23.12");
        assertThat(c.getResources().getLimits()).containsEntry("cpu", new Quantity("1")).containsEntry("memory", new Quantity("512Mi"));
        assertThat(c.getResources().getRequests()).isEqualTo(c.getResources().getLimits());
    }

    @Test
    void edgeTolerationsAndNodeSelectorComeFromTheMemberCluster() {
        PodSpec pod = WorkloadJobBuilder.build(seedRun(), edge("edge-k3s-1"), "1.26.8", SETTINGS).getSpec().getTemplate().getSpec();
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("mapbench.io/edge");
            assertThat(t.getValue()).isEqualTo("true");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(pod.getNodeSelector()).containsExactly(Map.entry("kubernetes.io/arch", "arm64"),
                Map.entry("node-role.kubernetes.io/edge", ""));
        PodSpec cloudPod = WorkloadJobBuilder.build(seedRun(), cloud("cloud-1"), "1.26.8", SETTINGS).getSpec().getTemplate().getSpec();
        assertThat(cloudPod.getTolerations()).isNullOrEmpty();
        assertThat(cloudPod.getNodeSelector()).isNullOrEmpty();
    }

    @Test
    void buildingTwiceGivesTheSameObject() {
        String a = Serialization.asYaml(WorkloadJobBuilder.build(seedRun(), edge("edge-k3s-1"), "1.26.8", SETTINGS));
        String b = Serialization.asYaml(WorkloadJobBuilder.build(seedRun(), edge("edge-k3s-1"), "1.26.8", SETTINGS));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void malformedTimeoutNamesTheField() {
        BenchmarkRun r = seedRun();
        r.getSpec().setTimeout("soon");
        assertThatThrownBy(() -> WorkloadJobBuilder.build(r, cloud("cloud-1"), "1.26.8", SETTINGS))
                .hasMessage("spec.timeout: \"soon\" is not a Go duration (e.g. 500ms, 90s, 30m, 1h30m)");
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
    }
}
