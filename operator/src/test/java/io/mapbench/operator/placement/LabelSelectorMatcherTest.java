package io.mapbench.operator.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorMatcherTest {
    private static final Map<String, String> EDGE = Map.of("mapbench.io/tier", "edge", "region", "eu");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("null selector matches all", null, true),
                Arguments.of("empty selector matches all", new LabelSelector(), true),
                Arguments.of("matchLabels equal", sel().addToMatchLabels("mapbench.io/tier", "edge").build(), true),
                Arguments.of("matchLabels different value", sel().addToMatchLabels("mapbench.io/tier", "cloud").build(), false),
                Arguments.of("matchLabels missing key", sel().addToMatchLabels("zone", "a").build(), false),
                Arguments.of("In hit", expr("region", "In", "eu", "us"), true),
                Arguments.of("In miss", expr("region", "In", "us"), false),
                Arguments.of("In on missing key", expr("zone", "In", "a"), false),
                Arguments.of("NotIn hit", expr("region", "NotIn", "eu"), false),
                Arguments.of("NotIn miss", expr("region", "NotIn", "us"), true),
                Arguments.of("NotIn on missing key matches", expr("zone", "NotIn", "a"), true),
                Arguments.of("Exists", expr("region", "Exists"), true),
                Arguments.of("Exists missing", expr("zone", "Exists"), false),
                Arguments.of("DoesNotExist", expr("zone", "DoesNotExist"), true),
                Arguments.of("DoesNotExist present", expr("region", "DoesNotExist"), false),
                Arguments.of("labels AND expressions: both hold", sel().addToMatchLabels("mapbench.io/tier", "edge")
                        .addNewMatchExpression().withKey("region").withOperator("In").withValues("eu").endMatchExpression().build(), true),
                Arguments.of("labels AND expressions: one fails", sel().addToMatchLabels("mapbench.io/tier", "edge")
                        .addNewMatchExpression().withKey("region").withOperator("In").withValues("us").endMatchExpression().build(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesLikeTheApiServer(String name, LabelSelector selector, boolean expected) {
        assertThat(LabelSelectorMatcher.matches(selector, EDGE)).isEqualTo(expected);
    }

    @Test
    void nullLabelsAreNoLabels() {
        assertThat(LabelSelectorMatcher.matches(expr("zone", "DoesNotExist"), null)).isTrue();
        assertThat(LabelSelectorMatcher.matches(expr("zone", "Exists"), null)).isFalse();
    }

    @Test
    void malformedKeysAndValuesNameTheFieldLikeTheApiServerRejectsLabels() {
        assertThatThrownBy(() -> LabelSelectorMatcher.validate(sel().addToMatchLabels("bad key!", "v").build()))
                .hasMessageStartingWith("spec.placement.clusterSelector.matchLabels: \"bad key!\" is not a valid label key");
        assertThatThrownBy(() -> LabelSelectorMatcher.validate(sel().addToMatchLabels("tier", "bad value!").build()))
                .hasMessageStartingWith("spec.placement.clusterSelector.matchLabels[\"tier\"]: \"bad value!\" is not a valid label value");
        assertThatThrownBy(() -> LabelSelectorMatcher.validate(expr("bad key!", "Exists")))
                .hasMessageStartingWith("spec.placement.clusterSelector.matchExpressions[0].key: \"bad key!\" is not a valid label key");
        assertThatThrownBy(() -> LabelSelectorMatcher.validate(expr("region", "In", "eu", "x".repeat(64))))
                .hasMessageStartingWith("spec.placement.clusterSelector.matchExpressions[0].values[1]: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                        + "...(64 characters)\" is not a valid label value");
        assertThatThrownBy(() -> LabelSelectorMatcher.validate(sel().addToMatchLabels("Example.com/tier", "edge").build()))
                .as("a prefix is a lower-case DNS subdomain").hasMessageContaining("is not a valid label key");
        // Valid forms: prefixed keys, 63-character names and values, the empty value.
        LabelSelectorMatcher.validate(sel().addToMatchLabels("mapbench.io/tier", "edge").build());
        LabelSelectorMatcher.validate(expr("a".repeat(63), "NotIn", "b".repeat(63), ""));
        assertThat(LabelSelectorMatcher.matches(sel().addToMatchLabels("mapbench.io/tier", "edge").build(), EDGE)).isTrue();
        assertThat(LabelSelectorMatcher.matches(expr("a".repeat(63), "NotIn", "b".repeat(63), ""), EDGE)).isTrue();
    }

    @Test
    void invalidOperatorNamesTheField() {
        assertThatThrownBy(() -> LabelSelectorMatcher.matches(expr("region", "Equals", "eu"), EDGE))
                .hasMessage("spec.placement.clusterSelector.matchExpressions[0].operator: \"Equals\" is not valid"
                        + " (allowed: In, NotIn, Exists, DoesNotExist)");
        assertThatThrownBy(() -> LabelSelectorMatcher.matches(expr("region", "In"), EDGE))
                .hasMessage("spec.placement.clusterSelector.matchExpressions[0].values: must be non-empty for operator In");
        assertThatThrownBy(() -> LabelSelectorMatcher.matches(expr("region", "Exists", "eu"), EDGE))
                .hasMessage("spec.placement.clusterSelector.matchExpressions[0].values: must be empty for operator Exists");
    }

    private static LabelSelectorBuilder sel() {
        return new LabelSelectorBuilder();
    }

    private static LabelSelector expr(String key, String op, String... values) {
        return sel().addNewMatchExpression().withKey(key).withOperator(op).withValues(values).endMatchExpression().build();
    }
}
