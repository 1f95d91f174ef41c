package io.mapbench.operator.api.v1alpha1;

/**
 * Patterns and limits of the vocabulary shared by workload, operator, policies and dashboards
 * (DESIGN.md "Vocabulary"). Kept in one place so schema annotations and Java checks agree.
 */
public final class Vocabulary {
    /** Scenario IDs as printed by `mapbench list`: stable kebab-case names. */
    public static final String SCENARIO_ID_PATTERN = "^[a-z0-9-]{1,40}$";
    public static final int SCENARIO_ID_MAX_LENGTH = 40;
    /** A Go toolchain: `1.N` (resolved to the listed patch release) or `1.N.P`. */
    public static final String GO_VERSION_PATTERN = "^1\\.[0-9]+(\\.[0-9]+)?$";
    public static final int GO_VERSION_MAX_LENGTH = 16;
    public static final long MIN_SIZE = 1;
    public static final long MAX_SIZE = 10_000_000;
    /** A Kubernetes object name (RFC 1123 subdomain), used for cluster names. */
    public static final String DNS_SUBDOMAIN_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final int DNS_SUBDOMAIN_MAX_LENGTH = 253;
    /** BenchmarkRun names become part of remote Job and PodDisruptionBudget names (see the rule on BenchmarkRun). */
    public static final int RUN_NAME_MAX_LENGTH = 40;
    /** A namespace name (RFC 1123 label). */
    public static final String DNS_LABEL_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public static final int DNS_LABEL_MAX_LENGTH = 63;
    /** A Go duration (`90s`, `1m30s`, `500ms`), as time.ParseDuration reads it; positive. */
    public static final String DURATION_PATTERN = "^([0-9]+([.][0-9]+)?(ns|us|ms|s|m|h))+$";
    public static final int DURATION_MAX_LENGTH = 32;
    /** An image repository without tag: `registry.example.com/team/images`. */
    public static final String IMAGE_REPOSITORY_PATTERN = "^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$";
    public static final int IMAGE_REPOSITORY_MAX_LENGTH = 255;

    /** A label value, as Kubernetes validates it: empty, or up to 63 alphanumerics with -_. inside. */
    public static final String LABEL_VALUE_PATTERN = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";
    public static final int LABEL_VALUE_MAX_LENGTH = 63;
    /** A label or taint key: optional DNS-subdomain prefix and '/', then a name of up to 63 characters. */
    public static final String QUALIFIED_NAME_PATTERN = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$";
    public static final int QUALIFIED_NAME_MAX_LENGTH = DNS_SUBDOMAIN_MAX_LENGTH + 1 + LABEL_VALUE_MAX_LENGTH;

    /**
     * A resource quantity as Kubernetes parses it (resource.ParseQuantity: digits, optional
     * fraction, binary or decimal SI suffix or exponent), without a sign: workload pods request
     * positive amounts. The pattern, not CEL, rejects "-" or "1.5.5" naming the field itself.
     */
    public static final String QUANTITY_PATTERN = "^(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]"
            + "|([eE][+-]?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";
    /** Longer than any sensible quantity; bounds the CEL cost of the rules that parse them. */
    public static final int QUANTITY_MAX_LENGTH = 32;

    private Vocabulary() {
    }
}
