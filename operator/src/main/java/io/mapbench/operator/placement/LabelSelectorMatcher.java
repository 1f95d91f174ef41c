package io.mapbench.operator.placement;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * metav1.LabelSelector semantics (matchLabels AND every matchExpression; operators In, NotIn,
 * Exists, DoesNotExist), as the API server applies them. A null or empty selector matches
 * everything, as {@code spec.placement.clusterSelector} documents.
 */
public final class LabelSelectorMatcher {

    private LabelSelectorMatcher() {
    }

    /**
     * @throws IllegalArgumentException for an operator other than In, NotIn, Exists,
     *     DoesNotExist, or values that do not fit the operator (message names the field)
     */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(actual.get(e.getKey()))) {
                    return false;
                }
            }
        }
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
        if (expressions != null) {
            for (int i = 0; i < expressions.size(); i++) {
                if (!matches(expressions.get(i), actual, i)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels, int index) {
        String field = "spec.placement.clusterSelector.matchExpressions[" + index + "]";
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        String op = r.getOperator();
        if (op == null) {
            throw new IllegalArgumentException(field + ".operator: missing (allowed: In, NotIn, Exists, DoesNotExist)");
        }
        switch (op) {
            case "In":
            case "NotIn":
                if (values.isEmpty()) {
                    throw new IllegalArgumentException(field + ".values: must be non-empty for operator " + op);
                }
                boolean in = labels.containsKey(r.getKey()) && values.contains(labels.get(r.getKey()));
                return op.equals("In") == in;
            case "Exists":
            case "DoesNotExist":
                if (!values.isEmpty()) {
                    throw new IllegalArgumentException(field + ".values: must be empty for operator " + op);
                }
                return op.equals("Exists") == labels.containsKey(r.getKey());
            default:
                throw new IllegalArgumentException(field + ".operator: \"" + op
                        + "\" is not valid (allowed: In, NotIn, Exists, DoesNotExist)");
        }
    }
}
