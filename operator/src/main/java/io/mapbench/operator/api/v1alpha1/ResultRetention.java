package io.mapbench.operator.api.v1alpha1;

/** What happens to a run's BenchmarkResults when the run is deleted. */
public enum ResultRetention {
    /** Results are owned by the run and garbage-collected with it. */
    Delete,
    /** Results outlive the run (no owner reference). */
    Retain;
}
