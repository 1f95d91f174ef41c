package io.mapbench.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.mapbench.testsupport.CommittedCrds;
import io.mapbench.testsupport.LocalClusters;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRDs (crds/) installed into the real hub API server: the examples pass, malformed
 * specs are rejected at once with a message naming the field, the server applies the defaults,
 * and a run's spec freezes once it has been admitted. Writes are server-side dry runs except
 * where the stored state matters (immutability).
 */
@LocalClustersTest
class CustomResourceSchemaIT {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ResourceDefinitionContext RUNS = context("BenchmarkRun", "benchmarkruns", true);
    private static final ResourceDefinitionContext MEMBERS = context("MemberCluster", "memberclusters", false);
    private static final ResourceDefinitionContext SCHEDULES = context("BenchmarkSchedule", "benchmarkschedules", true);

    private static final String VALID_RUN = """
            apiVersion: mapbench.io/v1alpha1
            kind: BenchmarkRun
            metadata:
              name: valid
            spec:
              suite: smoke
              scenarios: [range-kv-vs-keys]
              matrix: {keyTypes: [int64], valueTypes: [struct64], sizes: [8, 1024]}
              goVersions: ["1.26"]
              benchtime: 100ms
              placement: {clusters: [cloud-1], maxClusters: 1}
              resources:
                requests: {cpu: "1", memory: 512Mi}
                limits: {cpu: "1", memory: 512Mi}
            """;
    private static final String VALID_MEMBER = """
            apiVersion: mapbench.io/v1alpha1
            kind: MemberCluster
            metadata:
              name: valid-member
            spec:
              kubeconfigSecretRef: {name: mapbench-member-valid}
            """;

    @BeforeAll
    static void installCrds(TestClusters clusters) {
        CommittedCrds.apply(clusters.hub(), clusters.repoRoot());
        // Established is not yet "new schema served": wait until a valid run passes a dry run.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> dryRunCreate(clusters, RUNS, parse(VALID_RUN)) != null);
    }

    static Stream<Path> examples() throws IOException {
        Path dir = LocalClusters.findRepoRoot().resolve("deploy/examples");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> yamls = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
            assertThat(yamls).as("examples in %s", dir).isNotEmpty();
            return yamls.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void examplesPassTheSchema(Path example, TestClusters clusters) throws IOException {
        GenericKubernetesResource object = parse(Files.readString(example));
        assertThat(object.getApiVersion()).as("%s", example).isEqualTo(ApiGroup.API_VERSION);
        ResourceDefinitionContext context = switch (object.getKind()) {
            case BenchmarkRun.KIND -> RUNS;
            case MemberCluster.KIND -> MEMBERS;
            case BenchmarkSchedule.KIND -> SCHEDULES;
            default -> throw new AssertionError(example + ": unexpected kind " + object.getKind());
        };
        assertThat(dryRunCreate(clusters, context, object)).as("%s accepted", example).isNotNull();
    }

    record Invalid(String description, String manifest, Consumer<Map<String, Object>> breakSpec, List<String> expected) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static Invalid run(String description, Consumer<Map<String, Object>> breakSpec, String... expected) {
        return new Invalid(description, VALID_RUN, breakSpec, List.of(expected));
    }

    static Stream<Invalid> invalidSpecs() {
        return Stream.of(
                run("neither suite nor scenarios", s -> {
                    s.remove("suite");
                    s.remove("scenarios");
                }, "spec", "set spec.suite"),
                run("unknown suite", s -> s.put("suite", "huge"), "spec.suite", "Unsupported value: \"huge\""),
                run("scenario id not kebab-case", s -> s.put("scenarios", List.of("Range_KV")), "spec.scenarios[0]",
                        "should match"),
                run("scenario id longer than 40", s -> s.put("scenarios", List.of("a".repeat(41))), "spec.scenarios[0]",
                        "Too long"),
                run("repeated scenario", s -> s.put("scenarios", List.of("range-alloc", "range-alloc")), "spec.scenarios",
                        "must not repeat"),
                run("unknown key type", s -> matrix(s).put("keyTypes", List.of("int32")), "spec.matrix.keyTypes[0]",
                        "Unsupported value: \"int32\""),
                run("unknown value type", s -> matrix(s).put("valueTypes", List.of("struct8")), "spec.matrix.valueTypes[0]",
                        "Unsupported value: \"struct8\""),
                run("size 0", s -> matrix(s).put("sizes", List.of(0)), "spec.matrix.sizes", "from 1 to 10000000"),
                run("size above 10^7", s -> matrix(s).put("sizes", List.of(10_000_001)), "spec.matrix.sizes",
                        "from 1 to 10000000"),
                run("goVersions missing", s -> s.remove("goVersions"), "spec.goVersions", "Required value"),
                run("go version with go prefix", s -> s.put("goVersions", List.of("go1.26")), "spec.goVersions[0]",
                        "should match"),
                run("repetitions 0", s -> s.put("repetitions", 0), "spec.repetitions", "greater than or equal to 1"),
                run("benchtime not a duration", s -> s.put("benchtime", "fast"), "spec.benchtime",
                        "must be a positive Go duration"),
                run("benchtime zero", s -> s.put("benchtime", "0s"), "spec.benchtime", "must be a positive Go duration"),
                run("requests differ from limits", s -> resources(s, "limits").put("cpu", "2"), "spec.resources",
                        "requests must equal limits"),
                run("memory request missing", s -> resources(s, "requests").remove("memory"),
                        "spec.resources.requests.memory", "Required value"),
                // "-" passed isQuantity; the quantity pattern now names the field itself.
                run("cpu request '-'", s -> resources(s, "requests").put("cpu", "-"), "spec.resources.requests.cpu",
                        "should match"),
                run("memory limit '1.5.5'", s -> resources(s, "limits").put("memory", "1.5.5"), "spec.resources.limits.memory",
                        "should match"),
                run("cpu limit of 100 KB", s -> resources(s, "limits").put("cpu", "1".repeat(100 * 1024)),
                        "spec.resources.limits.cpu", "Too long"),
                run("timeout without unit", s -> s.put("timeout", "10"), "spec.timeout", "must be a Go duration"),
                run("too many retries", s -> s.put("retries", 9), "spec.retries", "less than or equal to 5"),
                run("image repository with upper case", s -> s.put("imageRepository", "Registry.local/Team"),
                        "spec.imageRepository", "should match"),
                run("cluster name not a DNS name", s -> placement(s).put("clusters", List.of("Cloud_1")),
                        "spec.placement.clusters[0]", "should match"),
                run("maxClusters 0", s -> placement(s).put("maxClusters", 0), "spec.placement.maxClusters",
                        "greater than or equal to 1"),
                run("selector operator not a label selector operator", s -> placement(s).put("clusterSelector",
                        Map.of("matchExpressions", List.of(Map.of("key", "mapbench.io/tier", "operator", "Contains",
                                "values", List.of("edge"))))),
                        "spec.placement.clusterSelector.matchExpressions[0].operator", "Unsupported value: \"Contains\""),
                run("selector In without values", s -> placement(s).put("clusterSelector",
                        Map.of("matchExpressions", List.of(Map.of("key", "mapbench.io/tier", "operator", "In")))),
                        "spec.placement.clusterSelector.matchExpressions[0].values", "non-empty for operator In and NotIn"),
                run("selector NotIn with empty values", s -> placement(s).put("clusterSelector",
                        Map.of("matchExpressions", List.of(Map.of("key", "mapbench.io/tier", "operator", "NotIn",
                                "values", List.of())))),
                        "spec.placement.clusterSelector.matchExpressions[0].values", "non-empty for operator In and NotIn"),
                run("selector Exists with values", s -> placement(s).put("clusterSelector",
                        Map.of("matchExpressions", List.of(Map.of("key", "mapbench.io/tier", "operator", "Exists",
                                "values", List.of("edge"))))),
                        "spec.placement.clusterSelector.matchExpressions[0].values", "empty for Exists and DoesNotExist"),
                run("failover.after not a duration", s -> {
                    placement(s).remove("clusters");
                    placement(s).put("failover", Map.of("after", "soon"));
                }, "spec.placement.failover.after", "must be a Go duration"),
                run("failover without after", s -> {
                    placement(s).remove("clusters");
                    placement(s).put("failover", Map.of());
                }, "spec.placement.failover.after", "Required value"),
                run("failover with named clusters", s -> {
                    placement(s).put("clusters", List.of("cloud-1"));
                    placement(s).put("failover", Map.of("after", "5m"));
                }, "spec.placement", "spec.placement.failover cannot be combined with spec.placement.clusters"),
                run("unknown result retention", s -> s.put("resultRetention", "Keep"), "spec.resultRetention",
                        "Unsupported value: \"Keep\""),
                run("unknown disruption policy", s -> s.put("disruption", Map.of("policy", "Never")),
                        "spec.disruption.policy", "Unsupported value: \"Never\""),
                run("ttlAfterFinished not a duration", s -> s.put("ttlAfterFinished", "forever"), "spec.ttlAfterFinished",
                        "must be a Go duration"),
                run("cleanup.ttlAfterFinished not a duration", s -> s.put("cleanup", Map.of("ttlAfterFinished", "1 day")),
                        "spec.cleanup.ttlAfterFinished", "must be a Go duration"),
                run("both ttlAfterFinished fields", s -> {
                    s.put("ttlAfterFinished", "10m");
                    s.put("cleanup", Map.of("ttlAfterFinished", "0s"));
                }, "spec", "set spec.cleanup.ttlAfterFinished or the deprecated spec.ttlAfterFinished, not both"),
                run("keepFailed not a boolean", s -> s.put("cleanup", Map.of("keepFailed", "yes")),
                        "spec.cleanup.keepFailed", "must be of type boolean"),
                new Invalid("member cluster with no way to connect", VALID_MEMBER, s -> s.remove("kubeconfigSecretRef"),
                        List.of("spec", "exactly one of spec.kubeconfigSecretRef")),
                new Invalid("member cluster with both ways to connect", VALID_MEMBER, s -> s.put("inCluster", true),
                        List.of("spec", "exactly one of spec.kubeconfigSecretRef")),
                new Invalid("member cluster toleration with an unknown effect", VALID_MEMBER,
                        s -> s.put("tolerations", List.of(Map.of("key", "mapbench.io/edge", "operator", "Exists", "effect", "NoRun"))),
                        List.of("spec.tolerations[0].effect", "Unsupported value: \"NoRun\"")),
                new Invalid("member cluster maxConcurrentRuns 0", VALID_MEMBER, s -> s.put("maxConcurrentRuns", 0),
                        List.of("spec.maxConcurrentRuns", "greater than or equal to 1")),
                new Invalid("node selector value of 100 KB", VALID_MEMBER,
                        s -> s.put("nodeSelector", Map.of("mapbench.io/pool", "a".repeat(100 * 1024))),
                        List.of("spec.nodeSelector.mapbench.io/pool", "Too long")),
                new Invalid("node selector value not a label value", VALID_MEMBER,
                        s -> s.put("nodeSelector", Map.of("mapbench.io/pool", "edge nodes")),
                        List.of("spec.nodeSelector.mapbench.io/pool", "should match")),
                member("toleration key of 100 KB", "key", "k".repeat(100 * 1024), "Too long"),
                member("toleration key not a qualified name", "key", "mapbench.io/edge=true", "should match"),
                member("toleration operator of 100 KB", "operator", "E".repeat(100 * 1024), "Unsupported value"),
                member("unknown toleration operator", "operator", "In", "Unsupported value"),
                member("toleration value of 100 KB", "value", "v".repeat(100 * 1024), "Too long"),
                member("toleration effect of 100 KB", "effect", "N".repeat(100 * 1024), "Unsupported value"),
                member("unknown toleration effect", "effect", "NoRun", "Unsupported value"));
    }

    /** A member whose only toleration (edge nodes, valid otherwise) has one field replaced. */
    private static Invalid member(String description, String field, String value, String problem) {
        return new Invalid(description, VALID_MEMBER, s -> {
            Map<String, Object> toleration = new LinkedHashMap<>(Map.of("key", "mapbench.io/edge", "operator", "Equal",
                    "value", "true", "effect", "NoSchedule"));
            toleration.put(field, value);
            s.put("tolerations", List.of(toleration));
        }, List.of("spec.tolerations[0]." + field, problem));
    }

    @Test
    void edgeMemberWithTolerationsAndNodeSelectorPasses(TestClusters clusters) {
        GenericKubernetesResource member = parse(VALID_MEMBER);
        Map<String, Object> spec = member.get("spec");
        spec.put("nodeSelector", Map.of("node-role.kubernetes.io/edge", "", "kubernetes.io/arch", "arm64"));
        spec.put("tolerations", List.of(Map.of("key", "mapbench.io/edge", "operator", "Equal", "value", "true",
                "effect", "NoSchedule"), Map.of("operator", "Exists"), Map.of("key", "node.kubernetes.io/unreachable",
                "operator", "Exists", "effect", "NoExecute", "tolerationSeconds", 30)));
        assertThat(dryRunCreate(clusters, MEMBERS, member)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void invalidSpecsAreRejectedNamingTheField(Invalid invalid, TestClusters clusters) {
        GenericKubernetesResource object = parse(invalid.manifest());
        invalid.breakSpec().accept(object.get("spec"));
        ResourceDefinitionContext context = object.getKind().equals(BenchmarkRun.KIND) ? RUNS : MEMBERS;
        assertThatThrownBy(() -> dryRunCreate(clusters, context, object))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage()).contains(invalid.expected());
                });
    }

    @Test
    void metadataNameLongerThan40IsRejected(TestClusters clusters) {
        GenericKubernetesResource run = parse(VALID_RUN);
        run.getMetadata().setName("r".repeat(41));
        assertThatThrownBy(() -> dryRunCreate(clusters, RUNS, run)).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getStatus().getMessage()).contains("metadata.name must be at most 40 characters"));
    }

    @Test
    void theServerAppliesTheDefaults(TestClusters clusters) {
        GenericKubernetesResource run = parse("""
                apiVersion: mapbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: minimal}
                spec: {suite: smoke, goVersions: ["1.26"]}
                """);
        Map<String, Object> spec = dryRunCreate(clusters, RUNS, run).get("spec");
        assertThat(spec).containsEntry("repetitions", 10).containsEntry("timeout", "30m").containsEntry("retries", 1)
                .doesNotContainKey("ttlAfterFinished").containsEntry("resultRetention", "Delete")
                .containsEntry("disruption", Map.of("policy", "Protect"));

        GenericKubernetesResource member = parse(VALID_MEMBER);
        Map<String, Object> memberSpec = dryRunCreate(clusters, MEMBERS, member).get("spec");
        assertThat(memberSpec).containsEntry("namespace", "mapbench-workloads").containsEntry("maxConcurrentRuns", 1)
                .containsEntry("kubeconfigSecretRef", Map.of("name", "mapbench-member-valid", "key", "kubeconfig"));
    }

    /**
     * Needs stored objects with a status, so it runs on a member cluster's API server (same
     * schema and CEL): on the hub a running operator would reconcile the run and race the test.
     */
    @Test
    @SuppressWarnings("unchecked")
    void specMayChangeWhilePendingOrDeniedAndIsFrozenAfterwards(TestClusters clusters) {
        KubernetesClient member = clusters.client(clusters.members().get(0));
        CommittedCrds.apply(member, clusters.repoRoot());
        var runs = member.genericKubernetesResources(RUNS).inNamespace(clusters.namespace());
        GenericKubernetesResource run = parse(VALID_RUN);
        run.getMetadata().setName("frozen");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> runs.resource(run).create() != null);

        for (String phase : List.of("Pending", "Denied")) {
            setPhase(runs.withName("frozen").get(), phase, member);
            GenericKubernetesResource current = runs.withName("frozen").get();
            ((Map<String, Object>) current.get("spec")).put("repetitions", phase.equals("Pending") ? 4 : 5);
            runs.resource(current).update();
        }

        setPhase(runs.withName("frozen").get(), "Running", member);
        GenericKubernetesResource admitted = runs.withName("frozen").get();
        ((Map<String, Object>) admitted.get("spec")).put("repetitions", 7);
        assertThatThrownBy(() -> runs.resource(admitted).update()).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage()).contains("spec").contains("immutable once the run has been admitted");
                });
        Map<String, Object> stored = runs.withName("frozen").get().get("spec");
        assertThat(stored).containsEntry("repetitions", 5);
    }

    private static void setPhase(GenericKubernetesResource run, String phase, KubernetesClient client) {
        run.setAdditionalProperty("status", new LinkedHashMap<>(Map.of("phase", phase)));
        client.genericKubernetesResources(RUNS).inNamespace(run.getMetadata().getNamespace()).resource(run).updateStatus();
    }

    private static GenericKubernetesResource dryRunCreate(TestClusters clusters, ResourceDefinitionContext context,
            GenericKubernetesResource object) {
        var resources = clusters.hub().genericKubernetesResources(context);
        return (context.isNamespaceScoped() ? resources.inNamespace(clusters.namespace()) : resources)
                .resource(object).dryRun().create();
    }

    private static GenericKubernetesResource parse(String yaml) {
        return SERIALIZATION.unmarshal(yaml, GenericKubernetesResource.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> matrix(Map<String, Object> spec) {
        return (Map<String, Object>) spec.get("matrix");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> placement(Map<String, Object> spec) {
        return (Map<String, Object>) spec.get("placement");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources(Map<String, Object> spec, String which) {
        return (Map<String, Object>) ((Map<String, Object>) spec.get("resources")).get(which);
    }

    private static ResourceDefinitionContext context(String kind, String plural, boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup(ApiGroup.GROUP).withVersion(ApiGroup.VERSION)
                .withKind(kind).withPlural(plural).withNamespaced(namespaced).build();
    }
}
