package io.mapbench.operator.api.v1alpha1;

/** What a BenchmarkSchedule does when a tick comes while its previous run is still active (as CronJob's). */
public enum ConcurrencyPolicy {
    /** Skip the tick; the active run finishes undisturbed. */
    Forbid,
    /** Delete the active run and start the new one. */
    Replace;
}
