package io.mapbench.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mapbench.operator.policy.PolicyFixtures.DecisionCase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Loading, fail-closed behaviour, revisions and concurrency of the real compiled policy. */
class AdmissionPolicyTest {
    private static final PolicyBundle DIST = PolicyFixtures.distBundle();

    private static DecisionCase sharedCase(String name) {
        return PolicyFixtures.sharedCases().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("shared case " + name + " not found"));
    }

    @Test
    void everyBuiltinTheModuleImportsIsProvidedBySdk() throws Exception {
        ModuleProbe probe = ModuleProbe.of(DIST.module(), PolicyFixtures.JSON);

        // sprintf is the one the rules use today; the point is the subset relation below.
        assertThat(probe.builtins()).contains("sprintf");
        assertThat(ModuleProbe.sdkBuiltins()).containsAll(probe.builtins());
        assertThat(probe.missingBuiltins()).isEmpty();
    }

    @Test
    void moduleDeclaresTheEntrypointAndAbiTheSdkRuns() throws Exception {
        ModuleProbe probe = ModuleProbe.of(DIST.module(), PolicyFixtures.JSON);

        assertThat(probe.entrypoints()).containsOnlyKeys(AdmissionPolicy.ENTRYPOINT);
        assertThat(probe.abiSupported()).isTrue();
    }

    static Stream<Arguments> brokenModules() {
        byte[] module = DIST.module();
        byte[] flipped = module.clone();
        for (int i = 8; i < flipped.length; i += 97) {
            flipped[i] = (byte) ~flipped[i];
        }
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("not wasm", "{\"policy\": \"rego source is not a module\"}".getBytes()),
                Arguments.of("truncated", Arrays.copyOf(module, module.length / 2)),
                Arguments.of("bytes flipped", flipped));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenModules")
    void brokenModuleIsUnavailable(String what, byte[] module) {
        assertThatThrownBy(() -> AdmissionPolicy.load(PolicyBundle.of(module, DIST.data()), 1))
                .isInstanceOf(PolicyUnavailableException.class)
                .hasMessageContaining("cannot be loaded");
    }

    @Test
    void dataThatIsNotAJsonObjectIsUnavailable() {
        for (String data : List.of("", "{\"data\": ", "[]", "42")) {
            assertThatThrownBy(() -> AdmissionPolicy.load(PolicyBundle.of(DIST.module(), data), 1))
                    .as("data %s", data)
                    .isInstanceOf(PolicyUnavailableException.class)
                    .hasMessageStartingWith("policy data");
        }
    }

    @Test
    void incompleteDataIsUnavailable() throws Exception {
        ObjectNode withoutMaxSize = (ObjectNode) PolicyFixtures.JSON.readTree(DIST.data());
        ((ObjectNode) withoutMaxSize.with("data").with("tiers").with("edge")).remove("maxSize");
        JsonNode input = sharedCase("cloud-and-edge-allowed").input();

        for (String data : List.of("{}", "{\"data\": {}}", withoutMaxSize.toString())) {
            // Loads (the data is JSON), but every evaluation reports the broken data, never a decision.
            try (AdmissionPolicy policy = AdmissionPolicy.load(PolicyBundle.of(DIST.module(), data), 1)) {
                assertThatThrownBy(() -> policy.evaluate(input)).as("data %s", data)
                        .isInstanceOf(PolicyUnavailableException.class)
                        .hasMessageContaining("the policy data is incomplete");
            }
        }
    }

    @Test
    void inputThatIsNotJsonNeverAdmits() throws Exception {
        try (AdmissionPolicy policy = AdmissionPolicy.load(DIST, 1)) {
            // Each failed evaluation discards its instance (about a second to compile a new one).
            for (String input : List.of("{", "not json", "[]")) {
                AdmissionDecision decision;
                try {
                    decision = policy.evaluate(input);
                } catch (PolicyUnavailableException expected) {
                    continue;
                }
                assertThat(decision.allowed()).as("input %s", input).isFalse();
            }
        }
    }

    @Test
    void closedPolicyIsUnavailable() throws Exception {
        AdmissionPolicy policy = AdmissionPolicy.load(DIST, 1);
        policy.close();
        assertThatThrownBy(() -> policy.evaluate(sharedCase("cloud-and-edge-allowed").input()))
                .isInstanceOf(PolicyUnavailableException.class);
    }

    @Test
    void revisionIsSha256OfModuleAndData() throws Exception {
        PolicyBundle same = PolicyBundle.of(DIST.module(), DIST.data());
        PolicyBundle otherData = PolicyBundle.of(DIST.module(), DIST.data().replace("\"maxActiveRunsPerNamespace\":3",
                "\"maxActiveRunsPerNamespace\":4"));

        assertThat(DIST.revision()).matches("sha256:[0-9a-f]{64}");
        assertThat(same.revision()).isEqualTo(DIST.revision());
        assertThat(otherData.revision()).isNotEqualTo(DIST.revision());
        try (AdmissionPolicy policy = AdmissionPolicy.load(otherData, 1)) {
            assertThat(policy.revision()).isEqualTo(otherData.revision());
        }
    }

    @Test
    void loweredCapInDataTakesEffectWithTheSameModule() throws Exception {
        // What a platform owner does to lower the edge CPU cap: change data only, same module.
        ObjectNode data = (ObjectNode) PolicyFixtures.JSON.readTree(DIST.data());
        ObjectNode edge = (ObjectNode) data.with("data").with("tiers").with("edge");
        edge.put("cpu", "500m");
        edge.put("cpuMillis", 500);
        JsonNode input = sharedCase("edge-fixed-allowed").input();

        try (AdmissionPolicy before = AdmissionPolicy.load(DIST, 1);
                AdmissionPolicy after = AdmissionPolicy.load(PolicyBundle.of(DIST.module(), data.toString()), 1)) {
            assertThat(before.evaluate(input).allowed()).isTrue();
            AdmissionDecision lowered = after.evaluate(input);
            assertThat(lowered.allowed()).isFalse();
            assertThat(lowered.violations()).extracting(AdmissionDecision.Violation::field)
                    .containsExactly("spec.resources.limits.cpu", "spec.resources.requests.cpu");
            assertThat(lowered.violations().get(0).message()).contains("at most 500m cpu");
        }
    }

    @Test
    void nonAsciiInputIsEvaluatedIntact() throws Exception {
        ObjectNode input = sharedCase("image-repository-denied").input().deepCopy();
        ((ObjectNode) input.with("run").with("spec")).put("imageRepository", "ghcr.io/mäpbench");

        try (AdmissionPolicy policy = AdmissionPolicy.load(DIST, 1)) {
            AdmissionDecision decision = policy.evaluate(input);
            assertThat(decision.violations()).singleElement().satisfies(v ->
                    assertThat(v.message()).startsWith("image repository ghcr.io/mäpbench is not allowed"));
        }
    }

    @Test
    void nonAsciiInputTextIsEvaluatedIntact() throws Exception {
        ObjectNode input = sharedCase("image-repository-denied").input().deepCopy();
        ((ObjectNode) input.with("run").with("spec")).put("imageRepository", "ghcr.io/ünïcode");

        try (AdmissionPolicy policy = AdmissionPolicy.load(DIST, 1)) {
            // The text form, not the JsonNode form: the String overload must escape it too.
            AdmissionDecision decision = policy.evaluate(PolicyFixtures.JSON.writeValueAsString(input));
            assertThat(decision.violations()).singleElement().satisfies(v ->
                    assertThat(v.message()).startsWith("image repository ghcr.io/ünïcode is not allowed"));
        }
    }

    @Test
    void largeInputIsEvaluated() throws Exception {
        // About 1 MiB of namespace labels: the module's memory must grow beyond its initial 640 KiB.
        ObjectNode input = sharedCase("namespace-not-edge-allowed-denied").input().deepCopy();
        ObjectNode labels = (ObjectNode) input.with("namespace").with("labels");
        for (int i = 0; i < 20_000; i++) {
            labels.put("example.com/label-" + i, "value-of-label-number-" + i);
        }

        try (AdmissionPolicy policy = AdmissionPolicy.load(DIST, 1)) {
            AdmissionDecision decision = policy.evaluate(input);
            assertThat(decision.violations()).extracting(AdmissionDecision.Violation::rule)
                    .containsExactly("edge-namespace");
            // and the instance stays usable afterwards
            assertThat(policy.evaluate(sharedCase("cloud-and-edge-allowed").input()).allowed()).isTrue();
        }
    }

    @Test
    void concurrentEvaluationsAgreeWithSequentialOnes() throws Exception {
        List<DecisionCase> cases = PolicyFixtures.sharedCases();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (AdmissionPolicy policy = AdmissionPolicy.load(DIST, 2)) {
            List<AdmissionDecision> sequential = new ArrayList<>();
            for (DecisionCase c : cases) {
                sequential.add(policy.evaluate(c.input()));
            }
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(threads.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        for (int i = 0; i < cases.size(); i++) {
                            if (!policy.evaluate(cases.get(i).input()).equals(sequential.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void poolSizeMustBePositive() {
        assertThatThrownBy(() -> AdmissionPolicy.load(DIST, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
