package io.mapbench.operator.api.v1alpha1;

/** Condition types of BenchmarkRun, BenchmarkSchedule and MemberCluster status (positive polarity: Ready=False on failure). */
public final class ConditionTypes {
    /** BenchmarkRun: policy admitted (True) or denied / could not judge (False) the placement. */
    public static final String ADMITTED = "Admitted";
    /** BenchmarkRun: an assignment of clusters was made and stored. */
    public static final String SCHEDULED = "Scheduled";
    /** BenchmarkRun: every job has finished (successfully or not). */
    public static final String COMPLETED = "Completed";
    /** BenchmarkRun: finished with every job succeeded. MemberCluster: reachable and probed. */
    public static final String READY = "Ready";
    /**
     * BenchmarkRun: some jobs failed, timed out or were lost. MemberCluster: usable but its link is
     * slow or drops probes now and then (SlowLink, IntermittentProbeFailures); Ready stays True.
     */
    public static final String DEGRADED = "Degraded";
    /** BenchmarkRun and BenchmarkSchedule: a benchmark got slower than its baseline beyond the minimum effect. */
    public static final String REGRESSED = "Regressed";

    private ConditionTypes() {
    }
}
