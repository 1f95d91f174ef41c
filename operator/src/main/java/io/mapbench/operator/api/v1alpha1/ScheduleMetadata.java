package io.mapbench.operator.api.v1alpha1;

/** Labels and annotations that tie runs and results to the BenchmarkSchedule that created them. */
public final class ScheduleMetadata {
    /** Label on runs and results: the name of the schedule (same namespace). */
    public static final String SCHEDULE_LABEL = "mapbench.io/schedule";
    /** Annotation on runs: the cron tick (RFC 3339) the run was created for, or absent for a manual run. */
    public static final String SCHEDULED_TIME_ANNOTATION = "mapbench.io/scheduled-time";
    /** Annotation on a schedule: each new value creates one manual run (GitOps re-run). */
    public static final String RUN_NOW_ANNOTATION = "mapbench.io/run-now";

    private ScheduleMetadata() {
    }
}
