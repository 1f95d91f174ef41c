package io.mapbench.operator.cluster;

import java.util.Optional;
import java.util.function.Function;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.dependent.RunRef;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The hub's runs as the BenchmarkRun controller's informer cache holds them, for the members'
 * garbage collection ({@link MemberClusterReconciler}): a run the cache shows with the same UID is
 * alive and costs the hub no request at each probe; only the others are looked up on the hub,
 * because a deletion is never decided from a cache alone. Until the controller has started (or for
 * runs outside the namespaces it watches) every run is looked up.
 */
@ApplicationScoped
public class LiveRuns {
    private volatile Function<ResourceID, Optional<BenchmarkRun>> cache = id -> Optional.empty();

    /** The BenchmarkRun controller's primary cache, by namespace and name. */
    public void readFrom(Function<ResourceID, Optional<BenchmarkRun>> cache) {
        this.cache = cache;
    }

    /** Whether the cache shows this run: same namespace, name and UID. */
    public boolean cached(RunRef run) {
        return cache.apply(new ResourceID(run.name(), run.namespace()))
                .map(r -> run.uid().equals(r.getMetadata().getUid()))
                .orElse(false);
    }
}
