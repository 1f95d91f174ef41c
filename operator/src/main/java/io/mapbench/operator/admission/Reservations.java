package io.mapbench.operator.admission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Admissions (and re-dispatches to a new cluster) decided but not yet visible in the informer cache. Between the decision and the
 * cache showing the stored assignment, other runs reconciled in parallel would not see the slots
 * and quota it took (the namespace-quota race); a reservation makes them count at once. Dropped
 * when the cache shows the assignment, when the status write failed (the run decides again), or
 * after {@code maxAge} as a last resort (a run deleted in between).
 */
final class Reservations {
    private record Reservation(List<String> clusters, Instant at) {
    }

    private final Map<String, Reservation> byRunUid = new ConcurrentHashMap<>();
    private final Duration maxAge;

    Reservations(Duration maxAge) {
        this.maxAge = maxAge;
    }

    void reserve(String runUid, List<String> clusters, Instant now) {
        byRunUid.put(runUid, new Reservation(List.copyOf(clusters), now));
    }

    void release(String runUid) {
        byRunUid.remove(runUid);
    }

    /** Drops reservations the cache has caught up with (given run UID and reserved clusters), and stale ones. */
    void prune(BiPredicate<String, List<String>> visibleInCache, Instant now) {
        byRunUid.entrySet().removeIf(e -> visibleInCache.test(e.getKey(), e.getValue().clusters())
                || e.getValue().at().plus(maxAge).isBefore(now));
    }

    Map<String, List<String>> snapshot() {
        return byRunUid.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> e.getValue().clusters()));
    }

    int size() {
        return byRunUid.size();
    }
}
