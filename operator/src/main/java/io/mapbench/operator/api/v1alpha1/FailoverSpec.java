package io.mapbench.operator.api.v1alpha1;

import static io.mapbench.operator.api.v1alpha1.Vocabulary.DURATION_MAX_LENGTH;
import static io.mapbench.operator.api.v1alpha1.Vocabulary.DURATION_PATTERN;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Re-dispatch of jobs lost on an unreachable member cluster (DESIGN.md, "Re-dispatch"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FailoverSpec {
    @JsonPropertyDescription("How long a job stays Lost (its member cluster unreachable for longer than the operator's"
            + " unreachable deadline) before it is re-dispatched, once, to another Ready cluster that matches"
            + " spec.placement.clusterSelector and has a free slot. A Go duration such as 0s, 5m or 1h. While a"
            + " re-dispatch is pending the run does not finish; its phase counts the replacement job, not the lost one.")
    @Required
    @Size(max = DURATION_MAX_LENGTH)
    @ValidationRule(value = "self.matches('^0s?$') || self.matches('" + DURATION_PATTERN + "')",
            message = "spec.placement.failover.after must be a Go duration such as 0s, 5m or 1h")
    private String after;

    public String getAfter() {
        return after;
    }

    public void setAfter(String after) {
        this.after = after;
    }
}
