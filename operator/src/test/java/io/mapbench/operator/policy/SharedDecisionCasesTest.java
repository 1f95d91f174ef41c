package io.mapbench.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mapbench.operator.policy.PolicyFixtures.DecisionCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiled module (policies/dist) run by the Java SDK decides every shared case exactly as
 * `opa test` expects it: allowed, every violation, their order and their messages.
 */
class SharedDecisionCasesTest {
    private static PolicyBundle bundle;
    private static AdmissionPolicy policy;

    @BeforeAll
    static void loadPolicy() throws PolicyUnavailableException {
        bundle = PolicyFixtures.distBundle();
        policy = AdmissionPolicy.load(bundle, 1);
    }

    @AfterAll
    static void closePolicy() {
        policy.close();
    }

    static List<DecisionCase> cases() {
        return PolicyFixtures.sharedCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsExpected(DecisionCase c) throws PolicyUnavailableException {
        AdmissionDecision decision = policy.evaluate(c.input());

        assertThat(decision.allowed()).as(c.description()).isEqualTo(c.expected().get("allowed").booleanValue());
        assertThat(decision.violations()).as(c.description()).containsExactlyElementsOf(violations(c.expected()));
        assertThat(decision.revision()).isEqualTo(bundle.revision());
    }

    @Test
    void casesCoverEveryRuleAndBothOutcomes() {
        List<DecisionCase> cases = cases();
        Set<String> rules = new TreeSet<>();
        cases.forEach(c -> violations(c.expected()).forEach(v -> rules.add(v.rule())));

        assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
        assertThat(cases).anyMatch(c -> c.expected().get("allowed").booleanValue());
        assertThat(rules).containsExactlyInAnyOrder("active-runs", "cluster-tier", "edge-namespace", "go-version",
                "image-repository", "input-invalid", "requests-equal-limits", "resources-cap", "resources-set",
                "size-cap", "work-budget");
    }

    static List<AdmissionDecision.Violation> violations(JsonNode decision) {
        List<AdmissionDecision.Violation> out = new ArrayList<>();
        for (JsonNode v : decision.get("violations")) {
            out.add(new AdmissionDecision.Violation(v.get("rule").asText(), v.get("field").asText(),
                    v.get("message").asText()));
        }
        return out;
    }
}
