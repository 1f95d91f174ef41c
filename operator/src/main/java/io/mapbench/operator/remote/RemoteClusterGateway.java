package io.mapbench.operator.remote;

import java.time.Duration;
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
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.mapbench.operator.config.MapbenchConfig;
import io.mapbench.operator.dependent.RemoteLabels;
import io.mapbench.operator.dependent.RunRef;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/**
 * Every hand-written call to a member cluster goes through here (docs/CONVENTIONS.md §4): one Fabric8 client and a pair of
 * informers (run Jobs, run Pods, indexed by run UID) per connected member, access reviews,
 * server-side apply of the objects the dependent builders produce, bounded log reads, deletion
 * and garbage collection by label.
 * Reconcilers never hold member clients themselves, so a rebuilt client (changed Secret) or a
 * removed member is seen everywhere at once.
 */
@ApplicationScoped
public class RemoteClusterGateway {
    /** Field manager of every server-side apply into a member. */
    public static final String FIELD_MANAGER = "mapbench-operator";

    /** Connect and request timeouts (mapbench.member.*): calls fail fast, never hang a reconcile. */
    private final MapbenchConfig settings;
    /**
     * One Vert.x for every member's HTTP client (mapbench.member.event-loops threads): the default
     * factory starts a Vert.x per client, i.e. per member its own event loops, blocked-thread
     * checker and buffers. Apart from the application's Vert.x, because Fabric8 parses responses
     * on the event loop: a burst of member responses must not stall the hub client's.
     */
    private final Vertx memberVertx;
    private final HttpClient.Factory httpClients;
    /**
     * One JSON mapper for every member client: each client otherwise gets its own, and with it its
     * own Jackson deserializers for Job, Pod and the rest of the model, built again per member
     * (heap and, on first use, CPU on the event loop).
     */
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final Map<String, MemberConnection> connections = new ConcurrentHashMap<>();
    private final List<RemoteEventListener> listeners = new CopyOnWriteArrayList<>();

    @Inject
    public RemoteClusterGateway(MapbenchConfig settings) {
        this.settings = settings;
        this.memberVertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(settings.member().eventLoops())
                .setUseDaemonThread(true)
                // as Fabric8's own instance: no file cache, no class-path resolution (read-only root file system)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        this.httpClients = new VertxHttpClientFactory(memberVertx);
    }

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
    public synchronized boolean connect(String cluster, MemberKubeconfig kubeconfig, String namespace, String hubId)
            throws InvalidKubeconfigException {
        if (unchanged(cluster, kubeconfig.digest(), namespace)) {
            return false;
        }
        Config config;
        try {
            config = Config.fromKubeconfig(kubeconfig.yaml());
        } catch (RuntimeException e) {
            throw unusable(e);
        }
        return connect(cluster, config, kubeconfig.digest(), kubeconfig.server(), namespace, hubId);
    }

    /**
     * Connects to the hub itself as a member (MemberCluster spec.inCluster), with a copy of the
     * operator's own client configuration.
     */
    public synchronized boolean connectInCluster(String cluster, Config hubConfig, String namespace, String hubId) {
        if (unchanged(cluster, "in-cluster", namespace)) {
            return false;
        }
        try {
            return connect(cluster, new ConfigBuilder(hubConfig).build(), "in-cluster", "the hub itself", namespace,
                    hubId);
        } catch (InvalidKubeconfigException e) {
            throw new IllegalStateException("the operator's own client configuration is unusable", e);
        }
    }

    /**
     * Fabric8's message may quote the kubeconfig (e.g. CA or key data that are not PEM): say only
     * which kind of failure it was and where to look.
     */
    private static InvalidKubeconfigException unusable(RuntimeException e) {
        return new InvalidKubeconfigException("no client can be built from the kubeconfig ("
                + e.getClass().getSimpleName() + "): check certificate-authority-data, client-certificate-data"
                + " and client-key-data are base64 PEM");
    }

    private boolean unchanged(String cluster, String digest, String namespace) {
        MemberConnection existing = connections.get(cluster);
        return existing != null && existing.digest.equals(digest) && existing.namespace.equals(namespace);
    }

    private boolean connect(String cluster, Config config, String digest, String server, String namespace,
            String hubId) throws InvalidKubeconfigException {
        MemberConnection existing = connections.get(cluster);
        if (existing != null) {
            connections.remove(cluster);
            existing.close();
        }
        config.setConnectionTimeout((int) settings.member().connectTimeout().toMillis());
        config.setRequestTimeout((int) settings.member().requestTimeout().toMillis());
        // No hidden retries inside a reconcile: failures surface at once and the controller backs off.
        config.setRequestRetryBackoffLimit(0);
        config.setNamespace(namespace);
        KubernetesClient client;
        try {
            client = new KubernetesClientBuilder().withHttpClientFactory(httpClients)
                    .withKubernetesSerialization(serialization).withConfig(config).build();
        } catch (RuntimeException e) {
            throw unusable(e);
        }
        connections.put(cluster, MemberConnection.open(cluster, namespace, digest, server, client, hubId,
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

    public Set<String> connectedClusters() {
        return Set.copyOf(connections.keySet());
    }

    /** True once the member's Job and Pod caches hold a complete first listing. */
    public boolean isSynced(String cluster) {
        MemberConnection c = connections.get(cluster);
        return c != null && c.synced();
    }

    /**
     * Waits at most {@code timeout} for the member's caches to sync (a fresh connection lists in
     * the background); true when synced, false when not connected or not synced in time.
     */
    public boolean awaitSynced(String cluster, Duration timeout) throws InterruptedException {
        MemberConnection c = connections.get(cluster);
        return c != null && c.awaitSynced(timeout);
    }

    /** The member's Job and Pod informers: synced, watching, last error with its HTTP status. */
    public List<InformerHealth> informerHealth(String cluster) {
        MemberConnection c = connections.get(cluster);
        return c == null ? List.of() : c.health();
    }

    /** API server URL of the member's current connection ("the hub itself" for in-cluster). */
    public Optional<String> server(String cluster) {
        return Optional.ofNullable(connections.get(cluster)).map(c -> c.server);
    }

    /**
     * The {@link MemberPermission#REQUIRED} permissions the member's credentials lack in its
     * workload namespace: one SelfSubjectRulesReview (allowed to every authenticated user, so
     * onboarding needs no extra RBAC); when the member's authorizer says its rule list is
     * incomplete (e.g. a webhook), each permission the rules do not show is asked for with a
     * SelfSubjectAccessReview before it is reported missing.
     */
    public List<MemberPermission> missingPermissions(String cluster) {
        MemberConnection c = connection(cluster);
        SelfSubjectRulesReview review = c.client.authorization().v1().selfSubjectRulesReview()
                .create(new SelfSubjectRulesReviewBuilder().withNewSpec().withNamespace(c.namespace).endSpec().build());
        List<ResourceRule> rules = review.getStatus() == null || review.getStatus().getResourceRules() == null
                ? List.of() : review.getStatus().getResourceRules();
        List<MemberPermission> missing = PermissionRules.missing(rules, MemberPermission.REQUIRED);
        boolean incomplete = review.getStatus() == null || Boolean.TRUE.equals(review.getStatus().getIncomplete());
        if (missing.isEmpty() || !incomplete) {
            return missing;
        }
        return missing.stream().filter(p -> !allowed(c, p)).toList();
    }

    private static boolean allowed(MemberConnection c, MemberPermission p) {
        SelfSubjectAccessReview review = c.client.authorization().v1().selfSubjectAccessReview()
                .create(new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                        .withNamespace(c.namespace).withGroup(p.group()).withResource(p.baseResource())
                        .withSubresource(p.subresource()).withVerb(p.verb())
                        .endResourceAttributes().endSpec().build());
        return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
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

    /** The run's Jobs in the member, from the informer's run-UID index (no API call, no scan). */
    public List<Job> cachedJobs(String cluster, String runUid) {
        MemberConnection c = connections.get(cluster);
        return c == null ? List.of() : c.jobsOfRun(runUid);
    }

    /** The run's Pods in the member, from the informer's run-UID index (no API call, no scan). */
    public List<Pod> cachedPods(String cluster, String runUid) {
        MemberConnection c = connections.get(cluster);
        return c == null ? List.of() : c.podsOfRun(runUid);
    }

    /**
     * The run's Jobs and Pods in the member as its API server has them now (two list calls). Only for
     * a decision the cache must not make alone: a Job the run recorded but the cache lacks is gone
     * only if the API server says so too.
     */
    public RunObjects liveRunObjects(String cluster, String runUid) {
        MemberConnection c = connection(cluster);
        return new RunObjects(
                c.client.batch().v1().jobs().inNamespace(c.namespace).withLabel(RemoteLabels.RUN_UID, runUid).list().getItems(),
                c.client.pods().inNamespace(c.namespace).withLabel(RemoteLabels.RUN_UID, runUid).list().getItems());
    }

    /** A run's Jobs and Pods in one member. */
    public record RunObjects(List<Job> jobs, List<Pod> pods) {
    }

    /**
     * The first {@code limitBytes} bytes of a pod's (only) container log (Kubernetes limitBytes:
     * the member's API server stops sending there, so a huge log costs neither the link nor the
     * operator's heap more than the limit).
     */
    public String podLog(String cluster, String podName, int limitBytes) {
        MemberConnection c = connection(cluster);
        return c.client.pods().inNamespace(c.namespace).withName(podName).limitBytes(limitBytes).getLog();
    }

    /** Deletes the run's PodDisruptionBudgets in the member (its pods there have ended). */
    public void deleteBudgets(String cluster, String runUid) {
        MemberConnection c = connection(cluster);
        c.client.policy().v1().podDisruptionBudget().inNamespace(c.namespace)
                .withLabel(RemoteLabels.RUN_UID, runUid).delete();
    }

    /**
     * Deletes every object of the run in the member: Jobs (their pods follow through the member's
     * garbage collector) and budgets. Throws when the member cannot be reached.
     */
    public void deleteRunObjects(String cluster, String runUid) {
        MemberConnection c = connection(cluster);
        c.client.batch().v1().jobs().inNamespace(c.namespace).withLabel(RemoteLabels.RUN_UID, runUid)
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
        c.client.policy().v1().podDisruptionBudget().inNamespace(c.namespace)
                .withLabel(RemoteLabels.RUN_UID, runUid).delete();
    }

    /**
     * Deletes one job's Job in the member (its pods follow). Used when a run keeps its failed jobs
     * for debugging and only the succeeded ones go.
     */
    public void deleteJob(String cluster, String jobName) {
        MemberConnection c = connection(cluster);
        c.client.batch().v1().jobs().inNamespace(c.namespace).withName(jobName)
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
    }

    /** Runs (by labels) that own Jobs or budgets of this hub in the member. */
    public Set<RunRef> runsWithObjects(String cluster, String hubId) {
        MemberConnection c = connection(cluster);
        // Jobs from the informer (it holds exactly this hub's); budgets have no informer, so they are listed.
        Stream<? extends HasMetadata> jobs = c.cachedJobs().stream();
        Stream<PodDisruptionBudget> pdbs = c.client.policy().v1().podDisruptionBudget().inNamespace(c.namespace)
                .withLabel(RemoteLabels.HUB, hubId).list().getItems().stream();
        return Stream.of(jobs, pdbs).flatMap(s -> s)
                .map(RemoteRuns::of)
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
    }

    /** The member's workload namespace, when connected. */
    public Optional<String> namespace(String cluster) {
        return Optional.ofNullable(connections.get(cluster)).map(c -> c.namespace);
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
        memberVertx.close();
    }
}
