package io.mapbench.operator.status;

/**
 * Reasons the aggregator uses beyond the API's {@link io.mapbench.operator.api.v1alpha1.ConditionReasons}:
 * the states before a decision exists and the healthy case of Degraded.
 */
public final class StatusReasons {
    /** Placement has not proposed clusters yet. */
    public static final String AWAITING_PLACEMENT = "AwaitingPlacement";
    /** Clusters are proposed; the admission gate has not answered. */
    public static final String AWAITING_ADMISSION = "AwaitingAdmission";
    /** Degraded=False: no job failed, timed out or was lost. */
    public static final String NO_FAILURES = "NoFailures";
    /** Run phase and Ready while jobs are not yet started. */
    public static final String JOBS_PENDING = "JobsPending";

    private StatusReasons() {
    }
}
