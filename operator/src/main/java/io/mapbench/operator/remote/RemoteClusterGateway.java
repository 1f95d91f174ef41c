package io.mapbench.operator.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.mapbench.operator.dependent.RemoteLabels;
import io.mapbench.operator.dependent.RunRef;

/**
 * Every hand-written call to a member cluster goes through here (docs/CONVENTIONS.md §4): one Fabric8 client
 * and a pair of informers (run Jobs, run Pods) per connected member, server-side apply of the
 * objects the dependent builders produce, log reads, deletion and garbage collection by label.
 * Reconcilers never hold member clients themselves, so a rebuilt client (changed Secret) or a
 * removed member is seen everywhere at once.
 */
@ApplicationScoped
public class RemoteClusterGateway {
    /** Field manager of every server-side apply into a member. */
    public static final String FIELD_MANAGER = "mapbench-operator";
    /** Calls to a member fail fast: a reconcile must not hang on an unreachable edge link. */
    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int REQUEST_TIMEOUT_MS = 10_000;

    private final Map<String, MemberConnection> connections = new ConcurrentHashMap<>();
    private final List<RemoteEventListener> listeners = new CopyOnWriteArrayList<>();

    /** Listeners hear about every run Job/Pod change in every member (set up before connecting). */
    public void addListener(RemoteEventListener listener) {
        listeners.add(listener);
    }

    /**
     * Connects to a member, or keeps the existing connection when kubeconfig and namespace are
     * unchanged. A changed Secret (new digest) closes the old client and informers first.
     *
     * @return true when a new connection was made
     */
    public synchronized boolean connect(String cluster, MemberKubeconfig kubeconfig, String namespace, String hubId) {
        return connect(cluster, Config.fromKubeconfig(kubeconfig.yaml()), kubeconfig.digest(), namespace, hubId);
    }

    /**
     * Connects to the hub itself as a member (MemberCluster spec.inCluster), with a copy of the
     * operator's own client configuration.
     */
    public synchronized boolean connectInCluster(String cluster, Config hubConfig, String namespace, String hubId) {
        return connect(cluster, new ConfigBuilder(hubConfig).build(), "in-cluster", namespace, hubId);
    }

    private boolean connect(String cluster, Config config, String digest, String namespace, String hubId) {
        MemberConnection existing = connections.get(cluster);
        if (existing != null && existing.digest.equals(digest) && existing.namespace.equals(namespace)) {
            return false;
        }
        if (existing != null) {
            connections.remove(cluster);
            existing.close();
        }
        config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MS);
        // No hidden retries inside a reconcile: failures surface at once and the controller backs off.
        config.setRequestRetryBackoffLimit(0);
        config.setNamespace(namespace);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        connections.put(cluster, new MemberConnection(cluster, namespace, digest, client, hubId,
                (c, run) -> listeners.forEach(l -> l.onRemoteChange(c, run))));
        return true;
    }

    /** Closes the member's client and informers (MemberCluster deleted or its Secret invalid). */
    public synchronized void disconnect(String cluster) {
        MemberConnection existing = connections.remove(cluster);
        if (existing != null) {
            existing.close();
        }
    }

    public boolean isConnected(String cluster) {
        return connections.containsKey(cluster);
    }

    public Set<String> connectedClusters() {
        return Set.copyOf(connections.keySet());
    }

    /** True once the member's Job and Pod caches hold a complete first listing. */
    public boolean isSynced(String cluster) {
        MemberConnection c = connections.get(cluster);
        return c != null && c.synced();
    }

    /** Reads the member's version and nodes; throws when the member cannot be reached. */
    public ClusterProbe probe(String cluster) {
        KubernetesClient client = connection(cluster).client;
        String version = client.getKubernetesVersion().getGitVersion();
        return new ClusterProbe(version, client.nodes().list().getItems());
    }

    /**
     * Server-side apply of one object into the member's workload namespace (forcing conflicts:
     * the operator owns these objects). An unchanged object is a no-op for the API server, so
     * its resourceVersion stays the same.
     */
    public <T extends HasMetadata> T apply(String cluster, T desired) {
        MemberConnection c = connection(cluster);
        desired.getMetadata().setNamespace(c.namespace);
        desired.getMetadata().setManagedFields(null);
        desired.getMetadata().setResourceVersion(null);
        return c.client.resource(desired).inNamespace(c.namespace)
                .patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
                        .withFieldManager(FIELD_MANAGER).withForce(true).build());
    }

    /** The run's Jobs in the member, from the informer cache (no API call). */
    public List<Job> cachedJobs(String cluster, String runUid) {
        MemberConnection c = connections.get(cluster);
        if (c == null) {
            return List.of();
        }
        return c.jobs.getStore().list().stream().filter(j -> ofRun(j, runUid)).toList();
    }

    /** The run's Pods in the member, from the informer cache (no API call). */
    public List<Pod> cachedPods(String cluster, String runUid) {
        MemberConnection c = connections.get(cluster);
        if (c == null) {
            return List.of();
        }
        return c.pods.getStore().list().stream().filter(p -> ofRun(p, runUid)).toList();
    }

    /** The log of a pod's (only) container, read through the member's API server. */
    public String podLog(String cluster, String podName) {
        MemberConnection c = connection(cluster);
        return c.client.pods().inNamespace(c.namespace).withName(podName).getLog();
    }

    /** Deletes the run's PodDisruptionBudgets in the member (its pods there have ended). */
    public void deleteBudgets(String cluster, String runUid) {
        MemberConnection c = connection(cluster);
        c.client.policy().v1().podDisruptionBudget().inNamespace(c.namespace)
                .withLabel(RemoteLabels.RUN_UID, runUid).delete();
    }

    /** True when the member still holds a PodDisruptionBudget of the run. */
    public boolean hasBudgets(String cluster, String runUid) {
        MemberConnection c = connection(cluster);
        return !c.client.policy().v1().podDisruptionBudget().inNamespace(c.namespace)
                .withLabel(RemoteLabels.RUN_UID, runUid).list().getItems().isEmpty();
    }

    /**
     * Deletes every object of the run in the member: Jobs (their pods follow through the member's
     * garbage collector), record ConfigMaps and budgets. Throws when the member cannot be reached.
     */
    public void deleteRunObjects(String cluster, String runUid) {
        MemberConnection c = connection(cluster);
        c.client.batch().v1().jobs().inNamespace(c.namespace).withLabel(RemoteLabels.RUN_UID, runUid)
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
        c.client.configMaps().inNamespace(c.namespace).withLabel(RemoteLabels.RUN_UID, runUid).delete();
        c.client.policy().v1().podDisruptionBudget().inNamespace(c.namespace)
                .withLabel(RemoteLabels.RUN_UID, runUid).delete();
    }

    /** Runs (by labels) that own Jobs, ConfigMaps or budgets of this hub in the member. */
    public Set<RunRef> runsWithObjects(String cluster, String hubId) {
        MemberConnection c = connection(cluster);
        Stream<? extends HasMetadata> jobs = c.client.batch().v1().jobs().inNamespace(c.namespace)
                .withLabel(RemoteLabels.HUB, hubId).list().getItems().stream();
        Stream<ConfigMap> cms = c.client.configMaps().inNamespace(c.namespace)
                .withLabel(RemoteLabels.HUB, hubId).list().getItems().stream();
        Stream<PodDisruptionBudget> pdbs = c.client.policy().v1().podDisruptionBudget().inNamespace(c.namespace)
                .withLabel(RemoteLabels.HUB, hubId).list().getItems().stream();
        return Stream.of(jobs, cms, pdbs).flatMap(s -> s)
                .map(RemoteRuns::of)
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
    }

    /** The member's workload namespace, when connected. */
    public Optional<String> namespace(String cluster) {
        return Optional.ofNullable(connections.get(cluster)).map(c -> c.namespace);
    }

    private static boolean ofRun(HasMetadata o, String runUid) {
        Map<String, String> labels = o.getMetadata().getLabels();
        return labels != null && runUid.equals(labels.get(RemoteLabels.RUN_UID));
    }

    private MemberConnection connection(String cluster) {
        MemberConnection c = connections.get(cluster);
        if (c == null) {
            throw new MemberNotConnectedException(cluster);
        }
        return c;
    }

    @PreDestroy
    void closeAll() {
        new ArrayList<>(connections.keySet()).forEach(this::disconnect);
    }
}
