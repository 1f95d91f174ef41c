package io.mapbench.operator.api.v1alpha1;

import static io.mapbench.operator.api.v1alpha1.Vocabulary.DURATION_MAX_LENGTH;
import static io.mapbench.operator.api.v1alpha1.Vocabulary.DURATION_PATTERN;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What happens to a finished run's objects in the member clusters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CleanupSpec {
    @JsonPropertyDescription("How long remote objects (Jobs, pods, budgets) stay in member clusters after the"
            + " run finished, a Go duration such as 0s, 10m or 24h. Default 1h. Replaces the deprecated"
            + " spec.ttlAfterFinished (set one of the two).")
    @Size(max = DURATION_MAX_LENGTH)
    @ValidationRule(value = "self.matches('^0s?$') || self.matches('" + DURATION_PATTERN + "')",
            message = "spec.cleanup.ttlAfterFinished must be a Go duration such as 0s, 10m or 24h")
    private String ttlAfterFinished;

    @JsonPropertyDescription("true: a job that did not succeed keeps its remote Job, pod and logs until the run is"
            + " deleted (for debugging with kubectl in the member cluster); succeeded jobs are still cleaned up after"
            + " ttlAfterFinished. Default false.")
    private Boolean keepFailed;

    public String getTtlAfterFinished() {
        return ttlAfterFinished;
    }

    public void setTtlAfterFinished(String ttlAfterFinished) {
        this.ttlAfterFinished = ttlAfterFinished;
    }

    public Boolean getKeepFailed() {
        return keepFailed;
    }

    public void setKeepFailed(Boolean keepFailed) {
        this.keepFailed = keepFailed;
    }
}
