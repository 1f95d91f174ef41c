package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * The CRD schema of a MemberCluster's spec.tolerations items (the Java field stays Fabric8's
 * Toleration, which is copied into benchmark pods). Fabric8's own schema has no descriptions;
 * this one documents each field for `kubectl explain` and enumerates operator and effect as the
 * API server does for pods. Used through {@code @SchemaFrom} only, never instantiated.
 */
public final class TolerationSchema {
    @JsonPropertyDescription("Taint key the toleration matches, e.g. mapbench.io/edge; empty with operator Exists matches every taint.")
    @Pattern("^$|" + Vocabulary.QUALIFIED_NAME_PATTERN)
    @Size(max = Vocabulary.QUALIFIED_NAME_MAX_LENGTH)
    public String key;

    @JsonPropertyDescription("Equal (the taint's value must equal value) or Exists (any value; value must be empty). Default Equal.")
    public TolerationOperator operator;

    @JsonPropertyDescription("Taint value matched with operator Equal, e.g. \"true\".")
    @Pattern(Vocabulary.LABEL_VALUE_PATTERN)
    @Size(max = Vocabulary.LABEL_VALUE_MAX_LENGTH)
    public String value;

    @JsonPropertyDescription("Taint effect matched: NoSchedule, PreferNoSchedule or NoExecute; empty matches all effects.")
    public TaintEffect effect;

    @JsonPropertyDescription("With effect NoExecute: seconds the benchmark pod stays bound after the taint appears; unset: forever.")
    public Long tolerationSeconds;

    private TolerationSchema() {
    }

    /** Toleration operators; empty means Equal, as for pods. */
    public enum TolerationOperator {
        Equal, Exists, @JsonProperty("") Unset
    }

    /** Taint effects a toleration can match; empty matches all, as for pods. */
    public enum TaintEffect {
        NoSchedule, PreferNoSchedule, NoExecute, @JsonProperty("") All
    }
}
