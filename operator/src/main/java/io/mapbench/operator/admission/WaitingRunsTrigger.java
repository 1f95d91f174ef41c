package io.mapbench.operator.admission;

import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;

/**
 * Wakes the runs waiting for admission when room may have appeared: a run finished, was deleted or
 * stopped waiting (denied, invalid) ahead of them. Event-driven instead of a periodic re-check, so a
 * freed slot is taken at once and an idle queue costs nothing.
 */
public final class WaitingRunsTrigger extends AbstractEventSource<BenchmarkRun, BenchmarkRun> {
    public static final String NAME = "admission-queue";

    private final Supplier<Stream<BenchmarkRun>> runs;
    private final Predicate<BenchmarkRun> alsoWaiting;

    /**
     * @param runs        every run the controller sees (its primary cache)
     * @param alsoWaiting admitted runs that wait for room too (a lost job waiting for a failover target)
     */
    public WaitingRunsTrigger(Supplier<Stream<BenchmarkRun>> runs, Predicate<BenchmarkRun> alsoWaiting) {
        super(BenchmarkRun.class, NAME);
        this.runs = runs;
        this.alsoWaiting = alsoWaiting;
    }

    /** Re-triggers every waiting run (JOSDK coalesces events for a run already queued). */
    public void wake() {
        if (isRunning()) {
            runs.get().filter(r -> AdmissionQueue.isWaiting(r) || alsoWaiting.test(r)).map(ResourceID::fromResource)
                    .forEach(id -> getEventHandler().handleEvent(new Event(id)));
        }
    }

    /** Waiting runs are read from the primary cache, not through JOSDK's secondary-resource API. */
    @Override
    public Set<BenchmarkRun> getSecondaryResources(BenchmarkRun primary) {
        return Set.of();
    }
}
