package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What the operator decided and observed; written only through the status subresource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BenchmarkRunStatus {
    @JsonPropertyDescription("Pending, Denied, Scheduled, Running, Succeeded (all jobs succeeded), PartiallySucceeded"
            + " (at least one did) or Failed.")
    private RunPhase phase;

    @JsonPropertyDescription("The metadata.generation this status was computed from.")
    private Long observedGeneration;

    @JsonPropertyDescription("Conditions Admitted, Scheduled, Completed, Ready and Degraded (metav1.Condition shape).")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The policy decision on the proposed placement.")
    private PolicyStatus policy;

    @JsonPropertyDescription("The admitted assignment of clusters and Go versions; never changes once set.")
    private Assignment assignment;

    @JsonPropertyDescription("One entry per (cluster, Go version).")
    private List<JobStatus> jobs = new ArrayList<>();

    @JsonPropertyDescription("Short summary of job phases for kubectl, e.g. `3/4 succeeded`.")
    private String jobsSummary;

    @JsonPropertyDescription("Claim verdicts of the seed experiments, per cluster and Go version.")
    private List<ClaimStatus> claims = new ArrayList<>();

    @JsonPropertyDescription("When the run was admitted and dispatched (RFC 3339).")
    private String startTime;

    @JsonPropertyDescription("When the last job finished (RFC 3339).")
    private String completionTime;

    @JsonPropertyDescription("Comparison with spec.baseline over all results: counts per verdict and the worst regressions"
            + " (condition Regressed).")
    private ComparisonSummary comparison;

    public RunPhase getPhase() {
        return phase;
    }

    public void setPhase(RunPhase phase) {
        this.phase = phase;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public PolicyStatus getPolicy() {
        return policy;
    }

    public void setPolicy(PolicyStatus policy) {
        this.policy = policy;
    }

    public Assignment getAssignment() {
        return assignment;
    }

    public void setAssignment(Assignment assignment) {
        this.assignment = assignment;
    }

    public List<JobStatus> getJobs() {
        return jobs;
    }

    public void setJobs(List<JobStatus> jobs) {
        this.jobs = jobs;
    }

    public String getJobsSummary() {
        return jobsSummary;
    }

    public void setJobsSummary(String jobsSummary) {
        this.jobsSummary = jobsSummary;
    }

    public List<ClaimStatus> getClaims() {
        return claims;
    }

    public void setClaims(List<ClaimStatus> claims) {
        this.claims = claims;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }

    public ComparisonSummary getComparison() {
        return comparison;
    }

    public void setComparison(ComparisonSummary comparison) {
        this.comparison = comparison;
    }
}
