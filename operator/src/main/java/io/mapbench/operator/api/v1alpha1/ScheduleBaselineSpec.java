package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Which results the runs of a BenchmarkSchedule are compared with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.policy == 'Run' ? has(self.runName) : !has(self.runName)",
        message = "spec.baseline.runName is required when policy is Run and not allowed when policy is Previous")
public class ScheduleBaselineSpec {
    @JsonPropertyDescription("Previous (default): per cluster and Go version, the schedule's most recent earlier run that"
    + " succeeded there. Run: the run named in runName (a pinned baseline).")
    @Default("Previous")
    private BaselinePolicy policy;

    @JsonPropertyDescription("The pinned baseline run (same namespace) when policy is Run.")
    @Pattern(Vocabulary.DNS_SUBDOMAIN_PATTERN)
    @Size(min = 1, max = Vocabulary.RUN_NAME_MAX_LENGTH)
    private String runName;

    public BaselinePolicy getPolicy() {
        return policy;
    }

    public void setPolicy(BaselinePolicy policy) {
        this.policy = policy;
    }

    public String getRunName() {
        return runName;
    }

    public void setRunName(String runName) {
        this.runName = runName;
    }
}
