package io.mapbench.operator.execution;

import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.dependent.RunRef;
import io.mapbench.operator.remote.RemoteClusterGateway;
import io.mapbench.operator.remote.RemoteEventListener;

/**
 * Turns Job and Pod events from every member cluster into reconciliations of the run they belong
 * to. The per-member informers live in the {@link RemoteClusterGateway} and come and go with the
 * MemberClusters; this source only maps their events to runs through the run labels, and ignores
 * objects of other hubs (the informers already select on this hub's label).
 */
public final class RemoteRunEventSource extends AbstractEventSource<HasMetadata, BenchmarkRun> implements RemoteEventListener {
    static final String NAME = "remote-run-objects";

    public RemoteRunEventSource(RemoteClusterGateway gateway) {
        super(HasMetadata.class, NAME);
        gateway.addListener(this);
    }

    @Override
    public void onRemoteChange(String cluster, RunRef run) {
        if (isRunning()) {
            getEventHandler().handleEvent(new Event(new ResourceID(run.name(), run.namespace())));
        }
    }

    /** Remote objects are read from the gateway's caches, not through JOSDK's secondary-resource API. */
    @Override
    public Set<HasMetadata> getSecondaryResources(BenchmarkRun primary) {
        return Set.of();
    }
}
