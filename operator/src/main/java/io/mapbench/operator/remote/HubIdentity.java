package io.mapbench.operator.remote;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mapbench.operator.config.MapbenchConfig;

/**
 * Who "this hub" is in member clusters: the UID of the operator's namespace on the hub. It is
 * stable across operator restarts and upgrades, unique per hub installation, and needs no
 * configuration; remote objects carry it in the mapbench.io/hub label so two hubs sharing a
 * member never garbage-collect each other's Jobs.
 */
@ApplicationScoped
public class HubIdentity {
    private final KubernetesClient hub;
    private final MapbenchConfig config;
    private volatile String id;

    @Inject
    public HubIdentity(KubernetesClient hub, MapbenchConfig config) {
        this.hub = hub;
        this.config = config;
    }

    /** The hub id; throws (and the reconcile is retried) while the hub cannot be read. */
    public String id() {
        String current = id;
        if (current == null) {
            Namespace ns = hub.namespaces().withName(config.operatorNamespace()).get();
            if (ns == null) {
                throw new IllegalStateException("operator namespace " + config.operatorNamespace()
                        + " does not exist on the hub; create it or set mapbench.operator-namespace");
            }
            current = ns.getMetadata().getUid();
            id = current;
        }
        return current;
    }
}
