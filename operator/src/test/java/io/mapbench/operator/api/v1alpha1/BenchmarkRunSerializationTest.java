package io.mapbench.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java model reads and writes the YAML users write, with the vocabulary's spelling. */
class BenchmarkRunSerializationTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static final String RUN = """
            apiVersion: mapbench.io/v1alpha1
            kind: BenchmarkRun
            metadata:
              name: seed-quick
              namespace: perf
            spec:
              suite: seed
              scenarios: [range-values, range-keys]
              matrix:
                keyTypes: [int64, string32]
                valueTypes: [struct64, ptrstruct64, empty]
                sizes: [8, 1024, 10000000]
              goVersions: ["1.21", "1.26.8"]
              repetitions: 5
              benchtime: 200ms
              placement:
                clusterSelector:
                  matchLabels:
                    mapbench.io/tier: edge
                clusters: [cloud-1]
                maxClusters: 2
              resources:
                requests: {cpu: "1", memory: 512Mi}
                limits: {cpu: "1", memory: 512Mi}
              disruption:
                policy: Protect
              resultRetention: Retain
            """;

    @Test
    void readsTheSpecWithTheSharedVocabulary() {
        BenchmarkRun run = SERIALIZATION.unmarshal(RUN, BenchmarkRun.class);
        BenchmarkRunSpec spec = run.getSpec();
        assertThat(run.getMetadata().getName()).isEqualTo("seed-quick");
        assertThat(spec.getSuite()).isEqualTo(Suite.SEED);
        assertThat(spec.getScenarios()).containsExactly("range-values", "range-keys");
        assertThat(spec.getMatrix().getKeyTypes()).containsExactly(KeyType.INT64, KeyType.STRING32);
        assertThat(spec.getMatrix().getValueTypes()).containsExactly(ValueType.STRUCT64, ValueType.PTRSTRUCT64, ValueType.EMPTY);
        assertThat(spec.getMatrix().getSizes()).containsExactly(8L, 1024L, 10_000_000L);
        assertThat(spec.getGoVersions()).containsExactly("1.21", "1.26.8");
        assertThat(spec.getPlacement().getClusterSelector().getMatchLabels()).containsEntry("mapbench.io/tier", "edge");
        assertThat(spec.getResources().getLimits().getMemory()).isEqualTo(new Quantity("512Mi"));
        assertThat(spec.getDisruption().getPolicy()).isEqualTo(DisruptionPolicy.Protect);
        assertThat(spec.getResultRetention()).isEqualTo(ResultRetention.Retain);
        assertThat(spec.getTimeout()).as("defaults are the API server's job, not the client's").isNull();
    }

    @Test
    void roundTripKeepsEveryField() {
        BenchmarkRun run = SERIALIZATION.unmarshal(RUN, BenchmarkRun.class);
        JsonNode original = SERIALIZATION.unmarshal(RUN, JsonNode.class);
        JsonNode written = SERIALIZATION.unmarshal(SERIALIZATION.asJson(run), JsonNode.class);
        assertThat(written.get("spec")).isEqualTo(original.get("spec"));
        assertThat(written.get("apiVersion").asText()).isEqualTo(ApiGroup.API_VERSION);
        assertThat(written.get("kind").asText()).isEqualTo(BenchmarkRun.KIND);
    }

    @Test
    void statusRoundTripsWithConditionsInMetav1Shape() {
        BenchmarkRunStatus status = new BenchmarkRunStatus();
        status.setPhase(RunPhase.Denied);
        status.setObservedGeneration(3L);
        status.setConditions(List.of(new Condition(ConditionTypes.ADMITTED, ConditionStatus.False,
                ConditionReasons.POLICY_DENIED, "go 1.21 is not allowed in namespace perf", 3L, "2026-11-25T08:00:00Z")));
        PolicyStatus policy = new PolicyStatus();
        policy.setDecision(PolicyDecision.Denied);
        policy.setViolations(List.of(new PolicyViolation("go_version_allowed", "use 1.26")));
        status.setPolicy(policy);
        JobStatus job = new JobStatus();
        job.setCluster("edge-k3s-1");
        job.setGoVersion("1.26.8");
        job.setPhase(JobPhase.Lost);
        status.setJobs(List.of(job));

        String json = SERIALIZATION.asJson(status);
        JsonNode tree = SERIALIZATION.unmarshal(json, JsonNode.class);
        assertThat(tree.at("/conditions/0/type").asText()).isEqualTo("Admitted");
        assertThat(tree.at("/conditions/0/status").asText()).isEqualTo("False");
        assertThat(tree.at("/conditions/0/reason").asText()).isEqualTo("PolicyDenied");
        assertThat(tree.at("/conditions/0/observedGeneration").asLong()).isEqualTo(3L);
        assertThat(tree.at("/jobs/0/phase").asText()).isEqualTo("Lost");
        assertThat(tree.has("completionTime")).as("unset fields are omitted, not null").isFalse();

        BenchmarkRunStatus back = SERIALIZATION.unmarshal(json, BenchmarkRunStatus.class);
        assertThat(SERIALIZATION.asJson(back)).isEqualTo(json);
    }

    @Test
    void benchmarkResultKeepsTheWorkloadDocumentVerbatim() {
        String yaml = """
                apiVersion: mapbench.io/v1alpha1
                kind: BenchmarkResult
                metadata: {name: seed-quick-edge-k3s-1-go1-26-8, namespace: perf}
                spec:
                  run: seed-quick
                  cluster: edge-k3s-1
                  goVersion: 1.26.8
                  arch: arm64
                  nodeArch: arm64
                  mapImpl: swiss
                  emulation: qemu-user
                  result:
                    apiVersion: mapbench.io/result/v1
                    kind: MapbenchResult
                    benchmarks: [{name: BenchmarkRange, summary: {median: 12.5}}]
                """;
        BenchmarkResult result = SERIALIZATION.unmarshal(yaml, BenchmarkResult.class);
        assertThat(result.getSpec().getMapImpl()).isEqualTo(MapImpl.SWISS);
        assertThat(result.getSpec().getResult().at("/benchmarks/0/summary/median").asDouble()).isEqualTo(12.5);
        JsonNode written = SERIALIZATION.unmarshal(SERIALIZATION.asJson(result), JsonNode.class);
        assertThat(written.get("spec")).isEqualTo(SERIALIZATION.unmarshal(yaml, JsonNode.class).get("spec"));
    }
}
