package io.mapbench.operator.api.v1alpha1;

/** Lifecycle of one (cluster, Go version) job of a run. */
public enum JobPhase {
    Pending,
    Running,
    Succeeded,
    Failed,
    /** The Job exceeded the run's timeout (activeDeadlineSeconds). */
    TimedOut,
    /** The member cluster stayed unreachable past the operator's deadline. */
    Lost;

    public boolean isFinished() {
        return this != Pending && this != Running;
    }
}
