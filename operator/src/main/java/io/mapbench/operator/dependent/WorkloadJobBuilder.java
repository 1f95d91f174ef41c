package io.mapbench.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.work.GoDuration;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark Job of one (cluster, Go version) of a run (DESIGN.md "Dispatch", "Workload
 * contract"). Pure: run + cluster + settings in, Job out; server-side apply of the same inputs is
 * a no-op, so every value here is deterministic.
 */
public final class WorkloadJobBuilder {
    public static final String CONTAINER = "mapbench";
    /** The workload writes its ≤ 4 KiB summary or "error: field: problem" here. */
    public static final String TERMINATION_LOG = "/dev/termination-log";
    /** Exit code of the workload for invalid input: retrying cannot help (DESIGN.md). */
    public static final int EXIT_INVALID_INPUT = 2;
    /** Non-root user of the distroless-style image (65532 = "nonroot"). */
    public static final long RUN_AS_USER = 65532L;
    /** GOMEMLIMIT = this fraction of the memory limit: headroom for the runtime's non-heap memory. */
    static final BigDecimal GOMEMLIMIT_FRACTION = new BigDecimal("0.9");
    static final String DEFAULT_TIMEOUT = "30m";
    static final int DEFAULT_RETRIES = 1;
    static final String DEFAULT_NAMESPACE = "mapbench-workloads";

    private WorkloadJobBuilder() {
    }

    /**
     * @param goVersion the resolved 1.N.P version (the Assignment's)
     * @throws IllegalArgumentException "field: problem" for spec values the CRD should have rejected
     */
    public static Job build(BenchmarkRun run, MemberCluster cluster, String goVersion, DispatchSettings settings) {
        BenchmarkRunSpec spec = run.getSpec();
        RunRef ref = RunRef.of(settings.hub(), run);
        String clusterName = cluster.getMetadata().getName();
        Map<String, String> labels = RemoteLabels.of(ref, RemoteLabels.COMPONENT_BENCHMARK, clusterName, goVersion);
        WorkloadResources resources = WorkloadResources.of(spec, settings);

        Container container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image(spec, settings, goVersion))
                .withArgs(WorkloadArgs.of(spec, TERMINATION_LOG))
                .withEnv(env(spec, resources, clusterName))
                .withResources(new ResourceRequirementsBuilder()
                        .withRequests(resources.asMap())
                        .withLimits(resources.asMap())
                        .build())
                .withTerminationMessagePath(TERMINATION_LOG)
                .withTerminationMessagePolicy("File")
                .withNewSecurityContext()
                    .withAllowPrivilegeEscalation(false)
                    .withReadOnlyRootFilesystem(true)
                    .withRunAsNonRoot(true)
                    .withRunAsUser(RUN_AS_USER)
                    .withRunAsGroup(RUN_AS_USER)
                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .build();

        return new JobBuilder()
                .withNewMetadata()
                    .withName(RemoteNames.jobName(ref, clusterName, goVersion))
                    .withNamespace(namespace(cluster))
                    .withLabels(labels)
                    .withAnnotations(annotations(run, clusterName))
                .endMetadata()
                .withNewSpec()
                    .withCompletions(1)
                    .withParallelism(1)
                    .withBackoffLimit(spec.getRetries() == null ? DEFAULT_RETRIES : spec.getRetries())
                    .withActiveDeadlineSeconds(activeDeadlineSeconds(spec))
                    .withNewPodFailurePolicy()
                        .withRules(podFailureRules())
                    .endPodFailurePolicy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withAutomountServiceAccountToken(false)
                            .withEnableServiceLinks(false)
                            .withNewSecurityContext()
                                .withRunAsNonRoot(true)
                                .withRunAsUser(RUN_AS_USER)
                                .withRunAsGroup(RUN_AS_USER)
                                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                            .endSecurityContext()
                            .withNodeSelector(nodeSelector(cluster))
                            .withTolerations(tolerations(cluster))
                            .withContainers(container)
                            .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * Where the Job came from, for humans looking at the member: the run, the cluster and the run's
     * spec (image and args are in the Job itself). On the Job rather than in an object of its own:
     * one write per job instead of two.
     */
    private static Map<String, String> annotations(BenchmarkRun run, String clusterName) {
        Map<String, String> annotations = RemoteAnnotations.of(run, clusterName);
        annotations.put(RemoteAnnotations.RUN_SPEC, Serialization.asJson(run.getSpec()));
        return annotations;
    }

    /** {@code <repository>/mapbench-workload:go1.N.P}; the run's repository wins over the configured one. */
    public static String image(BenchmarkRunSpec spec, DispatchSettings settings, String goVersion) {
        String repository = spec.getImageRepository() != null ? spec.getImageRepository() : settings.imageRepository();
        int end = repository.length();
        while (end > 0 && repository.charAt(end - 1) == '/') {
            end--;
        }
        return repository.substring(0, end) + "/mapbench-workload:go" + goVersion;
    }

    /** The member's workload namespace (MemberCluster spec.namespace, CRD default mapbench-workloads). */
    public static String namespace(MemberCluster cluster) {
        String ns = cluster.getSpec() == null ? null : cluster.getSpec().getNamespace();
        return ns == null ? DEFAULT_NAMESPACE : ns;
    }

    static long activeDeadlineSeconds(BenchmarkRunSpec spec) {
        String timeout = spec.getTimeout() == null ? DEFAULT_TIMEOUT : spec.getTimeout();
        long seconds = GoDuration.parse("spec.timeout", timeout).toSeconds();
        if (seconds < 1) {
            throw new IllegalArgumentException("spec.timeout: \"" + timeout + "\" is under 1s (activeDeadlineSeconds needs at least 1)");
        }
        return seconds;
    }

    /**
     * Exit code 2 (invalid input) fails the Job at once: retrying cannot help. A pod evicted by a
     * disruption (drain, preemption) does not count against backoffLimit.
     */
    static List<PodFailurePolicyRule> podFailureRules() {
        return List.of(
                new PodFailurePolicyRuleBuilder()
                        .withAction("FailJob")
                        .withNewOnExitCodes()
                            .withContainerName(CONTAINER)
                            .withOperator("In")
                            .withValues(EXIT_INVALID_INPUT)
                        .endOnExitCodes()
                        .build(),
                new PodFailurePolicyRuleBuilder()
                        .withAction("Ignore")
                        .addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition()
                        .build());
    }

    static List<EnvVar> env(BenchmarkRunSpec spec, WorkloadResources resources, String cluster) {
        List<EnvVar> env = new ArrayList<>();
        int gomaxprocs = spec.getGomaxprocs() != null ? spec.getGomaxprocs() : resources.wholeCpus();
        env.add(new EnvVar("GOMAXPROCS", Integer.toString(gomaxprocs), null));
        env.add(new EnvVar("GOMEMLIMIT", resources.goMemLimitBytes().toPlainString(), null));
        env.add(new EnvVar("MAPBENCH_CLUSTER", cluster, null));
        env.add(new EnvVarBuilder().withName("NODE_NAME")
                .withNewValueFrom().withNewFieldRef().withApiVersion("v1").withFieldPath("spec.nodeName").endFieldRef().endValueFrom()
                .build());
        return env;
    }

    static Map<String, String> nodeSelector(MemberCluster cluster) {
        Map<String, String> selector = cluster.getSpec() == null ? null : cluster.getSpec().getNodeSelector();
        // Sorted: the applied object must not depend on the map order the informer produced.
        return selector == null || selector.isEmpty() ? null : new TreeMap<>(selector);
    }

    static List<Toleration> tolerations(MemberCluster cluster) {
        List<Toleration> tolerations = cluster.getSpec() == null ? null : cluster.getSpec().getTolerations();
        return tolerations == null || tolerations.isEmpty() ? null : List.copyOf(tolerations);
    }

    /** Requests = limits of a workload pod, and what the Go runtime is told about them. */
    record WorkloadResources(Quantity cpu, Quantity memory) {
        static WorkloadResources of(BenchmarkRunSpec spec, DispatchSettings settings) {
            if (spec.getResources() != null && spec.getResources().getLimits() != null) {
                var limits = spec.getResources().getLimits();
                return new WorkloadResources(limits.getCpu(), limits.getMemory());
            }
            return new WorkloadResources(settings.defaultCpu(), settings.defaultMemory());
        }

        Map<String, Quantity> asMap() {
            Map<String, Quantity> map = new LinkedHashMap<>();
            map.put("cpu", cpu);
            map.put("memory", memory);
            return map;
        }

        /** CPUs rounded up (1500m -> 2), at least 1: GOMAXPROCS must cover the whole quota. */
        int wholeCpus() {
            BigDecimal cores = cpu.getNumericalAmount();
            return Math.max(1, cores.setScale(0, RoundingMode.CEILING).intValueExact());
        }

        BigDecimal goMemLimitBytes() {
            return memory.getNumericalAmount().multiply(GOMEMLIMIT_FRACTION).setScale(0, RoundingMode.FLOOR);
        }
    }
}
