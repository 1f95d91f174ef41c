package io.mapbench.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.mapbench.operator.metrics.MapbenchMetrics;
import io.mapbench.operator.policy.PolicyFixtures.DecisionCase;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store behind the admission gate, fed the ConfigMaps its informer would see: the real
 * compiled policy (policies/dist), hot swaps, fail-closed cases and the denial counter.
 */
class PolicyStoreTest {
    private static final PolicyBundle DIST = PolicyFixtures.distBundle();
    private static final byte[] MODULE = DIST.module();
    private static final String DATA = DIST.data();

    private PrometheusMeterRegistry registry;
    private PolicyStore store;
    private final AtomicInteger changes = new AtomicInteger();

    @BeforeEach
    void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        store = new PolicyStore(true, "mapbench-system", null, new MapbenchMetrics(registry));
        store.addListener(changes::incrementAndGet);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void allowsAndDeniesWithTheRevisionOfTheLoadedBundle() {
        store.apply(List.of(policyConfigMap("mapbench-policy", MODULE, DATA)));

        assertThat(store.revision()).contains(DIST.revision());
        assertThat(store.evaluate(input("edge-fixed-allowed"))).isEqualTo(new PolicyVerdict.Allowed(DIST.revision()));
        DecisionCase over = sharedCase("edge-over-limits-denied");
        PolicyVerdict denied = store.evaluate(over.input());
        assertThat(denied).isInstanceOf(PolicyVerdict.Denied.class);
        assertThat(((PolicyVerdict.Denied) denied).violations())
                .containsExactlyElementsOf(SharedDecisionCasesTest.violations(over.expected()));
        assertThat(((PolicyVerdict.Denied) denied).revision()).isEqualTo(DIST.revision());
    }

    @Test
    void evaluatingCountsNothingCountingADenialCountsEachRuleOnce() {
        store.apply(List.of(policyConfigMap("mapbench-policy", MODULE, DATA)));
        PolicyVerdict.Denied denied = (PolicyVerdict.Denied) store.evaluate(input("edge-over-limits-denied"));
        store.evaluate(input("edge-over-limits-denied")); // the admission queue asks again: no count
        assertThat(registry.find(MapbenchMetrics.POLICY_DENIALS).counters()).isEmpty();

        // 4x resources-cap, 1x size-cap, 2x work-budget: each rule once per recorded denial
        store.countDenial(denied.violations().stream().map(AdmissionDecision.Violation::rule).toList());
        store.countDenial(denied.violations().stream().map(AdmissionDecision.Violation::rule).toList());
        assertThat(denials("resources-cap")).isEqualTo(2.0);
        assertThat(denials("size-cap")).isEqualTo(2.0);
        assertThat(denials("work-budget")).isEqualTo(2.0);
        assertThat(registry.find(MapbenchMetrics.POLICY_DENIALS).counters()).hasSize(3);
    }

    @Test
    void moduleAndDataMayComeFromTwoConfigMaps() {
        store.apply(List.of(policyConfigMap("mapbench-policy-module", MODULE, null),
                policyConfigMap("mapbench-policy-data", null, DATA)));

        assertThat(store.evaluate(input("edge-fixed-allowed"))).isEqualTo(new PolicyVerdict.Allowed(DIST.revision()));
    }

    @Test
    void aLoweredCapInTheDataTakesEffectWithoutRestart() {
        store.apply(List.of(policyConfigMap("mapbench-policy", MODULE, DATA)));
        String lowered = DATA.replace("\"edge\":{\"cpu\":\"1\",\"cpuMillis\":1000",
                "\"edge\":{\"cpu\":\"500m\",\"cpuMillis\":500");
        assertThat(lowered).isNotEqualTo(DATA);

        store.apply(List.of(policyConfigMap("mapbench-policy", MODULE, lowered)));

        String newRevision = PolicyBundle.of(MODULE, lowered).revision();
        assertThat(store.revision()).contains(newRevision);
        PolicyVerdict verdict = store.evaluate(input("edge-fixed-allowed"));
        assertThat(verdict).isInstanceOf(PolicyVerdict.Denied.class);
        assertThat(((PolicyVerdict.Denied) verdict).revision()).isEqualTo(newRevision);
        assertThat(((PolicyVerdict.Denied) verdict).violations()).extracting(AdmissionDecision.Violation::rule)
                .containsOnly("resources-cap");
        assertThat(((PolicyVerdict.Denied) verdict).violations()).extracting(AdmissionDecision.Violation::message)
                .allMatch(m -> m.contains("at most 500m cpu"));
        assertThat(changes).hasValue(2);
    }

    @Test
    void theSameBundleIsNotReloaded() {
        ConfigMap cm = policyConfigMap("mapbench-policy", MODULE, DATA);
        store.apply(List.of(cm));
        cm.getMetadata().setLabels(Map.of(PolicyConfigMaps.LABEL, "admission", "team", "perf"));
        store.apply(List.of(cm));

        assertThat(changes).hasValue(1);
    }

    @Test
    void failsClosedWhenRemovedAndAdmitsAgainWhenTheValidPolicyReturns() {
        store.apply(List.of(policyConfigMap("mapbench-policy", MODULE, DATA)));
        store.apply(List.of());

        PolicyVerdict gone = store.evaluate(input("edge-fixed-allowed"));
        assertThat(gone).isInstanceOf(PolicyVerdict.Unavailable.class);
        assertThat(((PolicyVerdict.Unavailable) gone).message()).contains("found the module in [] and the data in []");
        assertThat(store.revision()).isEmpty();

        store.apply(List.of(policyConfigMap("mapbench-policy", MODULE, DATA)));
        assertThat(store.evaluate(input("edge-fixed-allowed"))).isEqualTo(new PolicyVerdict.Allowed(DIST.revision()));
        assertThat(changes).hasValue(3);
    }

    static Stream<Arguments> brokenPolicies() {
        byte[] truncated = java.util.Arrays.copyOf(MODULE, MODULE.length / 2);
        return Stream.of(
                Arguments.of("no ConfigMap", List.of(), "found the module in [] and the data in []"),
                Arguments.of("module only", List.of(policyConfigMap("m", MODULE, null)),
                        "found the module in [m] and the data in []"),
                Arguments.of("data only", List.of(policyConfigMap("d", null, DATA)),
                        "found the module in [] and the data in [d]"),
                Arguments.of("two modules", List.of(policyConfigMap("a", MODULE, DATA), policyConfigMap("b", MODULE, null)),
                        "found the module in [a, b]"),
                Arguments.of("module under data", List.of(new ConfigMapBuilder().withNewMetadata().withName("x")
                        .endMetadata().addToData(PolicyBundle.MODULE_FILE, "AGFzbQ==").addToData(PolicyBundle.DATA_FILE, DATA)
                        .build()), "policy.wasm is under data but must be under binaryData"),
                Arguments.of("module not base64", List.of(new ConfigMapBuilder().withNewMetadata().withName("x")
                        .endMetadata().addToBinaryData(PolicyBundle.MODULE_FILE, "not base64!")
                        .addToData(PolicyBundle.DATA_FILE, DATA).build()), "binaryData.policy.wasm is not base64"),
                Arguments.of("truncated module", List.of(policyConfigMap("p", truncated, DATA)), "cannot be loaded"),
                Arguments.of("not a module", List.of(policyConfigMap("p", "hello".getBytes(StandardCharsets.UTF_8), DATA)),
                        "cannot be loaded"),
                Arguments.of("data not JSON", List.of(policyConfigMap("p", MODULE, "{\"data\":")), "policy data is not valid JSON"),
                Arguments.of("data not an object", List.of(policyConfigMap("p", MODULE, "[1]")),
                        "policy data must be a JSON object"),
                Arguments.of("data incomplete", List.of(policyConfigMap("p", MODULE, "{\"data\":{}}")), "the policy data is incomplete"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPolicies")
    void failsClosed(String name, List<ConfigMap> configMaps, String expectedMessagePart) {
        store.apply(configMaps);

        PolicyVerdict verdict = store.evaluate(input("edge-fixed-allowed"));

        assertThat(verdict).isInstanceOf(PolicyVerdict.Unavailable.class);
        assertThat(((PolicyVerdict.Unavailable) verdict).message()).contains(expectedMessagePart);
        assertThat(store.revision()).isEmpty();
    }

    @Test
    void aBrokenPolicyReplacesAGoodOneAndFailsClosed() {
        store.apply(List.of(policyConfigMap("mapbench-policy", MODULE, DATA)));
        store.apply(List.of(policyConfigMap("mapbench-policy", MODULE, "{\"data\":{}}")));

        assertThat(store.evaluate(input("edge-fixed-allowed"))).isInstanceOf(PolicyVerdict.Unavailable.class);
        assertThat(store.revision()).isEmpty();
    }

    @Test
    void disabledIsTheOnlyWayToSkipThePolicy() {
        PolicyStore disabled = new PolicyStore(false, "mapbench-system", null, new MapbenchMetrics(registry));
        disabled.start(); // watches nothing

        assertThat(disabled.evaluate(input("edge-over-limits-denied"))).isEqualTo(new PolicyVerdict.Disabled());
        assertThat(store.evaluate(input("edge-fixed-allowed"))).isInstanceOf(PolicyVerdict.Unavailable.class);
        disabled.close();
    }

    /**
     * mapbench_policy_available follows every load, swap and failure, read from the Prometheus
     * text /q/metrics serves: each step is (ConfigMaps the informer sees, expected value).
     */
    @Test
    void policyAvailableGaugeFollowsEveryLoadSwapAndFailure() {
        record Step(String what, List<ConfigMap> configMaps, int available) {
        }
        assertThat(scraped("mapbench_policy_enabled")).isEqualTo("1.0");
        assertThat(scraped("mapbench_policy_available")).as("before the ConfigMaps are read").isEqualTo("0.0");
        List<Step> steps = List.of(
                new Step("valid policy loaded", List.of(policyConfigMap("mapbench-policy", MODULE, DATA)), 1),
                new Step("ConfigMap removed", List.of(), 0),
                new Step("valid policy returns", List.of(policyConfigMap("mapbench-policy", MODULE, DATA)), 1),
                new Step("swapped for incomplete data", List.of(policyConfigMap("mapbench-policy", MODULE, "{\"data\":{}}")), 0),
                new Step("swapped for a module that is not wasm",
                        List.of(policyConfigMap("p", "hello".getBytes(StandardCharsets.UTF_8), DATA)), 0),
                new Step("swapped back to the valid policy", List.of(policyConfigMap("mapbench-policy", MODULE, DATA)), 1));
        for (Step step : steps) {
            store.apply(step.configMaps());
            assertThat(scraped("mapbench_policy_available")).as(step.what()).isEqualTo(step.available() + ".0");
            assertThat(scraped("mapbench_policy_enabled")).as(step.what()).isEqualTo("1.0");
        }
        store.close();
        assertThat(scraped("mapbench_policy_available")).as("operator shutting down").isEqualTo("0.0");
    }

    @Test
    void aDisabledGateIsNeitherEnabledNorAvailable() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PolicyStore disabled = new PolicyStore(false, "mapbench-system", null, new MapbenchMetrics(registry));
        disabled.start();
        disabled.apply(List.of(policyConfigMap("mapbench-policy", MODULE, DATA))); // even with a valid policy around

        assertThat(scraped("mapbench_policy_enabled")).isEqualTo("0.0");
        assertThat(scraped("mapbench_policy_available")).isEqualTo("0.0");
        disabled.close();
    }

    /** The value of an unlabelled gauge in the registry's Prometheus text. */
    private String scraped(String name) {
        return registry.scrape().lines().filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in the scrape:\n" + registry.scrape()));
    }

    private double denials(String rule) {
        return registry.get(MapbenchMetrics.POLICY_DENIALS).tag("rule", rule).counter().count();
    }

    static ConfigMap policyConfigMap(String name, byte[] module, String data) {
        ConfigMapBuilder cm = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("mapbench-system")
                .addToLabels(PolicyConfigMaps.LABEL, "admission").endMetadata();
        if (module != null) {
            cm.addToBinaryData(PolicyBundle.MODULE_FILE, Base64.getEncoder().encodeToString(module));
        }
        if (data != null) {
            cm.addToData(PolicyBundle.DATA_FILE, data);
        }
        return cm.build();
    }

    private static DecisionCase sharedCase(String name) {
        return PolicyFixtures.sharedCases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static JsonNode input(String caseName) {
        return ((ObjectNode) sharedCase(caseName).input()).deepCopy();
    }
}
