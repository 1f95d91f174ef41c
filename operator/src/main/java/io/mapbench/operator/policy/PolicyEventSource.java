package io.mapbench.operator.policy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Re-triggers the runs still waiting for admission (policy unavailable, or denied) whenever the
 * {@link PolicyStore} swaps its policy. Fires after the swap, so the reconcile sees the new
 * revision: a policy that returns admits waiting runs without user action.
 */
public final class PolicyEventSource extends AbstractEventSource<ConfigMap, BenchmarkRun> {
    public static final String NAME = "admission-policy";

    private final PolicyStore store;
    private final Supplier<Set<ResourceID>> waitingRuns;
    private final Runnable listener = this::policyChanged;

    /** @param waitingRuns the runs to re-judge, read from the controller's primary cache */
    public PolicyEventSource(PolicyStore store, Supplier<Set<ResourceID>> waitingRuns) {
        super(ConfigMap.class, NAME);
        this.store = store;
        this.waitingRuns = waitingRuns;
    }

    @Override
    public void start() {
        super.start();
        store.addListener(listener);
    }

    @Override
    public void stop() {
        store.removeListener(listener);
        super.stop();
    }

    private void policyChanged() {
        if (isRunning()) {
            waitingRuns.get().forEach(id -> getEventHandler().handleEvent(new Event(id)));
        }
    }

    /** The policy is read through the store, not through JOSDK's secondary-resource API. */
    @Override
    public Set<ConfigMap> getSecondaryResources(BenchmarkRun primary) {
        return Set.of();
    }
}
