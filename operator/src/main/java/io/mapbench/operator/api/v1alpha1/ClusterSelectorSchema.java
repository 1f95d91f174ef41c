package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * The CRD schema of spec.placement.clusterSelector (a Kubernetes LabelSelector; the Java field
 * stays Fabric8's LabelSelector). Fabric8's own schema has no descriptions and no operator enum;
 * this one documents every field for `kubectl explain` and rejects a bad requirement at apply.
 * Used through {@code @SchemaFrom} only, never instantiated.
 */
public final class ClusterSelectorSchema {
    @JsonPropertyDescription("MemberCluster labels that must all match exactly, e.g. mapbench.io/tier: edge.")
    public Map<String, String> matchLabels;

    @JsonPropertyDescription("Label requirements that must all hold, e.g. {key: mapbench.io/tier, operator: In, values: [cloud]}.")
    @Size(max = 20)
    public List<Requirement> matchExpressions;

    private ClusterSelectorSchema() {
    }

    /** One requirement of matchExpressions. */
    @ValidationRule(
            value = "self.operator in ['In', 'NotIn'] ? has(self.values) && size(self.values) > 0"
                    + " : !has(self.values) || size(self.values) == 0",
            message = "values must be non-empty for operator In and NotIn, and empty for Exists and DoesNotExist",
            fieldPath = ".values", reason = "FieldValueInvalid")
    public static final class Requirement {
        @JsonPropertyDescription("The MemberCluster label the requirement applies to, e.g. mapbench.io/tier.")
        @Required
        @Size(min = 1, max = 317)
        public String key;

        @JsonPropertyDescription("How the label relates to values: In, NotIn (values non-empty), Exists or DoesNotExist (no values).")
        @Required
        public SelectorOperator operator;

        @JsonPropertyDescription("Label values for In and NotIn; must be empty for Exists and DoesNotExist.")
        @Size(max = 50)
        public List<String> values;

        private Requirement() {
        }
    }

    /** The operators a label selector requirement allows. */
    public enum SelectorOperator {
        In, NotIn, Exists, DoesNotExist
    }
}
