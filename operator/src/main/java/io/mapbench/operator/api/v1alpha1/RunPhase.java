package io.mapbench.operator.api.v1alpha1;

/** Lifecycle of a BenchmarkRun; the spec may change only while Pending or Denied. */
public enum RunPhase {
    Pending,
    Denied,
    Scheduled,
    Running,
    /** Every job succeeded. */
    Succeeded,
    /** At least one job succeeded, at least one did not. */
    PartiallySucceeded,
    /** No job succeeded. */
    Failed;

    public boolean isFinished() {
        return this == Succeeded || this == PartiallySucceeded || this == Failed;
    }

    /** The phases in which CEL lets the user still change the spec. */
    public boolean allowsSpecChanges() {
        return this == Pending || this == Denied;
    }
}
