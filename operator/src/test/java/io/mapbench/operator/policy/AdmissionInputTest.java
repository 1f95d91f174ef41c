package io.mapbench.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.policy.PolicyFixtures.DecisionCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator-side input builder produces documents the real policy decides exactly like the
 * shared cases: each case's run is read into the operator's BenchmarkRun model, rebuilt into an
 * input by AdmissionInput and evaluated by the compiled module.
 */
class AdmissionInputTest {
    private static AdmissionPolicy policy;

    @BeforeAll
    static void loadPolicy() throws PolicyUnavailableException {
        policy = AdmissionPolicy.load(PolicyFixtures.distBundle(), 1);
    }

    @AfterAll
    static void closePolicy() {
        policy.close();
    }

    /** Cases an operator can produce (the malformed-input case is, by design, not one of them). */
    static List<DecisionCase> buildableCases() {
        return PolicyFixtures.sharedCases().stream()
                .filter(c -> c.input().has("estimate") && c.input().path("namespace").has("activeRuns")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buildableCases")
    void rebuiltInputIsDecidedLikeTheSharedCase(DecisionCase c) throws Exception {
        JsonNode in = c.input();
        BenchmarkRun run = new BenchmarkRun();
        run.setMetadata(PolicyFixtures.JSON.treeToValue(in.get("run").get("metadata"), ObjectMeta.class));
        run.setSpec(PolicyFixtures.JSON.treeToValue(in.get("run").get("spec"), BenchmarkRunSpec.class));
        List<AdmissionInput.Cluster> clusters = new ArrayList<>();
        for (JsonNode cl : in.get("clusters")) {
            clusters.add(new AdmissionInput.Cluster(cl.get("name").asText(), cl.get("tier").asText(), labels(cl),
                    cl.at("/capacity/cpuMillis").asLong(), cl.at("/capacity/memoryBytes").asLong(),
                    cl.at("/capacity/nodes").asInt()));
        }
        JsonNode ns = in.get("namespace");
        JsonNode est = in.get("estimate");

        JsonNode rebuilt = AdmissionInput.of(run, clusters,
                new AdmissionInput.Namespace(ns.get("name").asText(), labels(ns), ns.get("activeRuns").asInt()),
                new AdmissionInput.WorkEstimate(est.get("benchmarks").asLong(), est.get("largestSize").asLong(),
                        est.get("cpuSeconds").asLong()));

        // As JSON text: the builder writes longs where the case file parsed ints.
        assertThat(rebuilt.get("resources").toString()).isEqualTo(in.get("resources").toString());
        AdmissionDecision expected = policy.evaluate(in);
        assertThat(policy.evaluate(rebuilt)).isEqualTo(expected);
        assertThat(expected.allowed()).isEqualTo(c.expected().get("allowed").booleanValue());
    }

    @ParameterizedTest(name = "{0} -> {1} millicores")
    @CsvSource({"1, 1000", "500m, 500", "1.5, 1500", "2000m, 2000", "0.0001, 1", "100u, 1"})
    void cpuIsNormalizedToMillicoresRoundedUp(String quantity, long millis) {
        assertThat(AdmissionInput.cpuMillis(new Quantity(quantity))).isEqualTo(millis);
    }

    @ParameterizedTest(name = "{0} -> {1} bytes")
    @CsvSource({"1Gi, 1073741824", "512Mi, 536870912", "1G, 1000000000", "16Gi, 17179869184", "129e6, 129000000",
            "1000, 1000"})
    void memoryIsNormalizedToBytes(String quantity, long bytes) {
        assertThat(AdmissionInput.memoryBytes(new Quantity(quantity))).isEqualTo(bytes);
    }

    private static Map<String, String> labels(JsonNode node) {
        return PolicyFixtures.JSON.convertValue(node.path("labels"), new TypeReference<Map<String, String>>() {
        });
    }
}
