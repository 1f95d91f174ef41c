package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** When and what a BenchmarkSchedule runs, what each run is compared with, and how much history it keeps. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BenchmarkScheduleSpec {
    @JsonPropertyDescription("When to create a run: a 5-field cron expression (minute hour day-of-month month day-of-week),"
    + " e.g. `0 2 * * *` for 02:00 every night, in timeZone.")
    @Required
    @Pattern("^\\S+(\\s+\\S+){4}$")
    @Size(min = 9, max = 128)
    private String schedule;

    @JsonPropertyDescription("IANA time zone of the schedule, e.g. Europe/Berlin. Default: UTC.")
    @Pattern("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$")
    @Size(min = 1, max = 64)
    private String timeZone;

    @JsonPropertyDescription("A tick missed (operator down, suspended) by more than this many seconds is skipped; of the"
    + " ticks missed by less, only the latest is run (at most one catch-up run). Default: 600.")
    @Default("600")
    @Min(1)
    @Max(86400)
    private Long startingDeadlineSeconds;

    @JsonPropertyDescription("true: create no runs on ticks (manual runs with the mapbench.io/run-now annotation still"
    + " happen). Default false.")
    @Default("false")
    private Boolean suspend;

    @JsonPropertyDescription("What a tick does while the previous run is still active: Forbid (default, skip the tick) or"
    + " Replace (delete the active run, start a new one).")
    @Default("Forbid")
    private ConcurrencyPolicy concurrencyPolicy;

    @JsonPropertyDescription("How many finished runs that succeeded are kept (older ones are deleted; their results stay"
    + " for the change-point window). Default 3.")
    @Default("3")
    @Min(0)
    @Max(100)
    private Integer successfulRunsHistoryLimit;

    @JsonPropertyDescription("How many finished runs that did not succeed are kept. Default 1.")
    @Default("1")
    @Min(0)
    @Max(100)
    private Integer failedRunsHistoryLimit;

    @JsonPropertyDescription("What each run is compared with. Default: the schedule's previous run (per cluster and Go"
    + " version).")
    private ScheduleBaselineSpec baseline;

    @JsonPropertyDescription("When a comparison counts as a regression (condition Regressed on the runs and the schedule).")
    private RegressionSpec regression;

    @JsonPropertyDescription("Change-point detection over the schedule's history.")
    private ChangePointSpec changePoints;

    @JsonPropertyDescription("The BenchmarkRun created at each tick.")
    @Required
    private RunTemplate template;

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public Long getStartingDeadlineSeconds() {
        return startingDeadlineSeconds;
    }

    public void setStartingDeadlineSeconds(Long startingDeadlineSeconds) {
        this.startingDeadlineSeconds = startingDeadlineSeconds;
    }

    public Boolean getSuspend() {
        return suspend;
    }

    public void setSuspend(Boolean suspend) {
        this.suspend = suspend;
    }

    public ConcurrencyPolicy getConcurrencyPolicy() {
        return concurrencyPolicy;
    }

    public void setConcurrencyPolicy(ConcurrencyPolicy concurrencyPolicy) {
        this.concurrencyPolicy = concurrencyPolicy;
    }

    public Integer getSuccessfulRunsHistoryLimit() {
        return successfulRunsHistoryLimit;
    }

    public void setSuccessfulRunsHistoryLimit(Integer successfulRunsHistoryLimit) {
        this.successfulRunsHistoryLimit = successfulRunsHistoryLimit;
    }

    public Integer getFailedRunsHistoryLimit() {
        return failedRunsHistoryLimit;
    }

    public void setFailedRunsHistoryLimit(Integer failedRunsHistoryLimit) {
        this.failedRunsHistoryLimit = failedRunsHistoryLimit;
    }

    public ScheduleBaselineSpec getBaseline() {
        return baseline;
    }

    public void setBaseline(ScheduleBaselineSpec baseline) {
        this.baseline = baseline;
    }

    public RegressionSpec getRegression() {
        return regression;
    }

    public void setRegression(RegressionSpec regression) {
        this.regression = regression;
    }

    public ChangePointSpec getChangePoints() {
        return changePoints;
    }

    public void setChangePoints(ChangePointSpec changePoints) {
        this.changePoints = changePoints;
    }

    public RunTemplate getTemplate() {
        return template;
    }

    public void setTemplate(RunTemplate template) {
        this.template = template;
    }
}
