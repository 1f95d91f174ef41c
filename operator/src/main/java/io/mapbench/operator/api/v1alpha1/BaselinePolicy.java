package io.mapbench.operator.api.v1alpha1;

/** Which results a BenchmarkSchedule's runs are compared with. */
public enum BaselinePolicy {
    /** Per cluster and Go version, the schedule's most recent earlier run that succeeded there. */
    Previous,
    /** Always the run named in runName (a pinned baseline). */
    Run;
}
