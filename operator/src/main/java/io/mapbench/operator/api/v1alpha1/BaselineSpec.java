package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What a run's results are compared with when it finishes: a named run, or (set by a BenchmarkSchedule) the previous run of a schedule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.runName) != has(self.schedule)",
        message = "spec.baseline: set exactly one of runName and schedule")
public class BaselineSpec {
    @JsonPropertyDescription("Compare with this BenchmarkRun of the same namespace: per cluster and Go version present in both"
    + " runs, every benchmark in both results.")
    @Pattern(Vocabulary.DNS_SUBDOMAIN_PATTERN)
    @Size(min = 1, max = Vocabulary.RUN_NAME_MAX_LENGTH)
    private String runName;

    @JsonPropertyDescription("Compare with the previous results of this BenchmarkSchedule (same namespace): per cluster and Go"
    + " version, the most recent earlier run of the schedule whose job succeeded there. Set by the schedule on the"
    + " runs it creates.")
    @Pattern(Vocabulary.DNS_SUBDOMAIN_PATTERN)
    @Size(min = 1, max = Vocabulary.DNS_SUBDOMAIN_MAX_LENGTH)
    private String schedule;

    @JsonPropertyDescription("When a difference counts as a regression (condition Regressed).")
    private RegressionSpec regression;

    public String getRunName() {
        return runName;
    }

    public void setRunName(String runName) {
        this.runName = runName;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public RegressionSpec getRegression() {
        return regression;
    }

    public void setRegression(RegressionSpec regression) {
        this.regression = regression;
    }
}
