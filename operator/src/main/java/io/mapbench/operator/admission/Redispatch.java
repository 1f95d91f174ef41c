package io.mapbench.operator.admission;

/** The admission gate's answer to "where do this run's lost jobs go" (spec.placement.failover). */
public sealed interface Redispatch {
    /** Move them to {@code cluster} (reserved until the cache shows the new assignment). */
    record Target(String cluster) implements Redispatch {
    }

    /** A candidate exists but has no room (or the policy cannot judge now): asked again when room may appear. */
    record Wait(String message) implements Redispatch {
    }

    /** No other cluster matches (or the policy allows none): the jobs stay Lost. */
    record Impossible(String message) implements Redispatch {
    }
}
