package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What a BenchmarkSchedule did last and what its history shows. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BenchmarkScheduleStatus {
    @JsonPropertyDescription("The metadata.generation this status was computed from.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready (the schedule parses and creates runs; reasons ScheduleValid, InvalidSchedule) and"
    + " Regressed (the last finished run regressed against its baseline).")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The scheduled time of the last run created for a tick (RFC 3339).")
    private String lastScheduleTime;

    @JsonPropertyDescription("The next tick (RFC 3339); absent while suspended.")
    private String nextScheduleTime;

    @JsonPropertyDescription("Runs of this schedule not yet finished.")
    private List<String> activeRuns = new ArrayList<>();

    @JsonPropertyDescription("The most recently finished run.")
    private String lastFinishedRun;

    @JsonPropertyDescription("The mapbench.io/run-now annotation token the last manual run was created for.")
    private String lastRunNowToken;

    @JsonPropertyDescription("Comparison of the last finished run with its baseline.")
    private ComparisonSummary lastComparison;

    @JsonPropertyDescription("Change points found in the schedule's history (most recent first, at most 20).")
    private List<ChangePoint> changePoints = new ArrayList<>();

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

    public String getLastScheduleTime() {
        return lastScheduleTime;
    }

    public void setLastScheduleTime(String lastScheduleTime) {
        this.lastScheduleTime = lastScheduleTime;
    }

    public String getNextScheduleTime() {
        return nextScheduleTime;
    }

    public void setNextScheduleTime(String nextScheduleTime) {
        this.nextScheduleTime = nextScheduleTime;
    }

    public List<String> getActiveRuns() {
        return activeRuns;
    }

    public void setActiveRuns(List<String> activeRuns) {
        this.activeRuns = activeRuns;
    }

    public String getLastFinishedRun() {
        return lastFinishedRun;
    }

    public void setLastFinishedRun(String lastFinishedRun) {
        this.lastFinishedRun = lastFinishedRun;
    }

    public String getLastRunNowToken() {
        return lastRunNowToken;
    }

    public void setLastRunNowToken(String lastRunNowToken) {
        this.lastRunNowToken = lastRunNowToken;
    }

    public ComparisonSummary getLastComparison() {
        return lastComparison;
    }

    public void setLastComparison(ComparisonSummary lastComparison) {
        this.lastComparison = lastComparison;
    }

    public List<ChangePoint> getChangePoints() {
        return changePoints;
    }

    public void setChangePoints(List<ChangePoint> changePoints) {
        this.changePoints = changePoints;
    }
}
