package io.mapbench.operator.schedule;

/** Condition reasons of BenchmarkSchedule status (the Regressed condition otherwise mirrors the last finished run's reason). */
public final class ScheduleReasons {
    /** Ready=True: the cron expression and time zone parse. */
    public static final String SCHEDULE_VALID = "ScheduleValid";
    /** Ready=False: spec.schedule or spec.timeZone cannot be used; the message names the field. */
    public static final String INVALID_SCHEDULE = "InvalidSchedule";
    /** Regressed=Unknown: no run of the schedule has finished yet. */
    public static final String NO_FINISHED_RUN = "NoFinishedRun";
    /** Regressed=Unknown: the last finished run carries no Regressed condition (not compared). */
    public static final String NOT_COMPARED = "NotCompared";

    private ScheduleReasons() {
    }
}
