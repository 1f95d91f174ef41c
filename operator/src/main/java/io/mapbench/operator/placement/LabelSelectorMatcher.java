package io.mapbench.operator.placement;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * metav1.LabelSelector semantics (matchLabels AND every matchExpression; operators In, NotIn,
 * Exists, DoesNotExist), as the API server applies them. A null or empty selector matches
 * everything, as {@code spec.placement.clusterSelector} documents.
 */
public final class LabelSelectorMatcher {
    private static final String FIELD = "spec.placement.clusterSelector";
    /** A label value or a key's name part: at most 63 characters, alphanumeric at both ends (k8s.io/apimachinery). */
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    /** A key's optional prefix: a DNS subdomain. */
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final String KEY_RULE = "a label key is an optional DNS-subdomain prefix (at most 253 characters) and '/',"
            + " then a name of 1-63 characters: letters, digits, '-', '_', '.', alphanumeric at both ends";
    private static final String VALUE_RULE = "a label value has at most 63 characters: letters, digits, '-', '_', '.',"
            + " alphanumeric at both ends";

    private LabelSelectorMatcher() {
    }

    /**
     * Checks every key and value of the selector the way the API server checks labels, so a
     * selector that can never match a label is reported (naming the field) instead of matching nothing.
     *
     * @throws IllegalArgumentException naming the first malformed key or value
     */
    public static void validate(LabelSelector selector) {
        if (selector == null) {
            return;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                requireKey(e.getKey(), FIELD + ".matchLabels");
                requireValue(e.getValue(), FIELD + ".matchLabels[" + quoteShort(e.getKey()) + "]");
            }
        }
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
        for (int i = 0; expressions != null && i < expressions.size(); i++) {
            LabelSelectorRequirement r = expressions.get(i);
            String field = FIELD + ".matchExpressions[" + i + "]";
            requireKey(r.getKey(), field + ".key");
            List<String> values = r.getValues() == null ? List.of() : r.getValues();
            for (int v = 0; v < values.size(); v++) {
                requireValue(values.get(v), field + ".values[" + v + "]");
            }
        }
    }

    private static void requireKey(String key, String field) {
        String problem = key == null || key.isEmpty() ? "missing" : null;
        if (problem == null) {
            int slash = key.indexOf('/');
            String prefix = slash < 0 ? null : key.substring(0, slash);
            String name = slash < 0 ? key : key.substring(slash + 1);
            boolean ok = !name.isEmpty() && name.length() <= 63 && NAME.matcher(name).matches()
                    && (prefix == null || !prefix.isEmpty() && prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches());
            problem = ok ? null : quoteShort(key) + " is not a valid label key";
        }
        if (problem != null) {
            throw new IllegalArgumentException(field + ": " + problem + " (" + KEY_RULE + ")");
        }
    }

    private static void requireValue(String value, String field) {
        if (value != null && (value.length() > 63 || !NAME.matcher(value).matches())) {
            throw new IllegalArgumentException(field + ": " + quoteShort(value) + " is not a valid label value (" + VALUE_RULE + ")");
        }
    }

    /** Quoted, cut to 40 characters: a 100 KB value must not end up in a condition message. */
    private static String quoteShort(String s) {
        return "\"" + (s.length() > 40 ? s.substring(0, 40) + "...(" + s.length() + " characters)" : s) + "\"";
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
