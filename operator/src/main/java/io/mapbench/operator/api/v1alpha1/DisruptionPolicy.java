package io.mapbench.operator.api.v1alpha1;

/** Whether voluntary evictions (drains) may interrupt a run's benchmark pods. */
public enum DisruptionPolicy {
    /** A PodDisruptionBudget with minAvailable = the run's pods in that cluster refuses evictions. */
    Protect,
    /** No PodDisruptionBudget: a drain may evict pods (their job is then retried or fails). */
    Allow;
}
