package io.mapbench.testsupport;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a test class gets: one admin Fabric8 client per local cluster and a namespace of its own,
 * with the same name in every cluster (created before the class, deleted after it).
 */
public final class TestClusters {
    private final LocalClusters clusters;
    private final Map<String, KubernetesClient> clients = new LinkedHashMap<>();
    private final String namespace;

    TestClusters(LocalClusters clusters, String namespace) {
        this.clusters = clusters;
        this.namespace = namespace;
        for (String name : clusters.names()) {
            clients.put(name, clusters.newClient(name));
        }
    }

    /** Names of all clusters, hub first. */
    public List<String> names() {
        return clusters.names();
    }

    /** Names of the member clusters (all but the hub). */
    public List<String> members() {
        return clusters.names().subList(1, clusters.names().size());
    }

    public KubernetesClient client(String cluster) {
        KubernetesClient client = clients.get(cluster);
        if (client == null) {
            throw new IllegalArgumentException("unknown cluster '" + cluster + "'; the local clusters are " + names());
        }
        return client;
    }

    public KubernetesClient hub() {
        return client(names().get(0));
    }

    /** This test class's namespace, present in every cluster. */
    public String namespace() {
        return namespace;
    }

    public Path kubeconfig(String cluster) {
        return clusters.kubeconfig(cluster);
    }

    public Path repoRoot() {
        return clusters.repoRoot();
    }

    Map<String, KubernetesClient> clients() {
        return clients;
    }

    void close() {
        clients.values().forEach(KubernetesClient::close);
    }
}
