package io.mapbench.operator.remote;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mapbench.operator.dependent.RemoteLabels;

/**
 * The hub's connection to one member: a Fabric8 client built from the member's kubeconfig and
 * informers on the run Jobs and Pods in its workload namespace (only objects this hub manages),
 * indexed by run UID so one run's objects are found without scanning the others, and pruned as they
 * enter the cache ({@link PrunedItemStore}). Replaced as a
 * whole when the kubeconfig or the namespace changes. {@link #open} owns the client until the
 * connection exists: if building the informers fails, the client is closed, not leaked.
 */
final class MemberConnection implements AutoCloseable {
    static final String BY_RUN_UID = "runUid";

    final String cluster;
    final String namespace;
    final String digest;
    final String server;
    final KubernetesClient client;
    private final TrackedInformer<Job> jobs;
    private final TrackedInformer<Pod> pods;

    private MemberConnection(String cluster, String namespace, String digest, String server, KubernetesClient client,
            TrackedInformer<Job> jobs, TrackedInformer<Pod> pods) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.digest = digest;
        this.server = server;
        this.client = client;
        this.jobs = jobs;
        this.pods = pods;
    }

    /**
     * Starts the informers (non-blocking: the first list happens in the background) and returns
     * the connection; on any failure closes what was opened, the client included, and rethrows.
     */
    static MemberConnection open(String cluster, String namespace, String digest, String server,
            KubernetesClient client, String hubId, RemoteEventListener listener) {
        TrackedInformer<Job> jobs = null;
        try {
            jobs = TrackedInformer.start("jobs.batch", ours(client.batch().v1().jobs().inNamespace(namespace), hubId)
                    .itemStore(new PrunedItemStore<>()), cluster, listener);
            TrackedInformer<Pod> pods = TrackedInformer.start("pods", ours(client.pods().inNamespace(namespace), hubId)
                    .itemStore(PrunedItemStore.pods()), cluster, listener);
            return new MemberConnection(cluster, namespace, digest, server, client, jobs, pods);
        } catch (RuntimeException | Error e) {
            if (jobs != null) {
                jobs.informer.stop();
            }
            client.close();
            throw e;
        }
    }

    private static <T extends HasMetadata> SharedIndexInformer<T> ours(FilterWatchListDeletable<T, ?, ?> resources,
            String hubId) {
        // One namespace per informer: its namespace index would only duplicate the run-UID index's memory.
        return resources.withLabel(RemoteLabels.MANAGED_BY, RemoteLabels.MANAGED_BY_VALUE)
                .withLabel(RemoteLabels.HUB, hubId)
                .runnableInformer(0)
                .removeNamespaceIndex();
    }

    /** Every Job the informer holds (this hub's, in the workload namespace). */
    List<Job> cachedJobs() {
        return jobs.informer.getStore().list();
    }

    List<Job> jobsOfRun(String runUid) {
        return jobs.informer.getIndexer().byIndex(BY_RUN_UID, runUid);
    }

    List<Pod> podsOfRun(String runUid) {
        return pods.informer.getIndexer().byIndex(BY_RUN_UID, runUid);
    }

    boolean synced() {
        return jobs.informer.hasSynced() && pods.informer.hasSynced();
    }

    List<InformerHealth> health() {
        return List.of(jobs.health(), pods.health());
    }

    /** Waits at most {@code timeout} for both caches' first listing; true when both have it. */
    boolean awaitSynced(Duration timeout) throws InterruptedException {
        try {
            CompletableFuture.allOf(jobs.started, pods.started).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // not synced in time, or the first listing failed: health() says why
        }
        return synced();
    }

    @Override
    public void close() {
        jobs.informer.stop();
        pods.informer.stop();
        client.close();
    }

    /**
     * An informer with its run-UID index and its last list/watch error remembered, so readiness
     * can say why a cache never synced (403, TLS, unreachable) instead of waiting silently.
     */
    private static final class TrackedInformer<T extends HasMetadata> {
        final String resource;
        final SharedIndexInformer<T> informer;
        final CompletableFuture<Void> started;
        private volatile Throwable lastError;
        private volatile Instant lastErrorTime;

        private TrackedInformer(String resource, SharedIndexInformer<T> informer, String cluster,
                RemoteEventListener listener) {
            this.resource = resource;
            this.informer = informer;
            Function<T, List<String>> runUid = o -> {
                Map<String, String> labels = o.getMetadata().getLabels();
                String uid = labels == null ? null : labels.get(RemoteLabels.RUN_UID);
                return uid == null ? List.of() : List.of(uid);
            };
            informer.addIndexers(Map.of(BY_RUN_UID, runUid));
            informer.addEventHandler(new Forwarder<>(cluster, listener));
            // An unreachable member must not stop the informer for good: keep retrying (with the
            // client's backoff) until the member comes back or the connection is closed, and
            // remember why it failed.
            informer.exceptionHandler((isStarted, t) -> {
                lastError = t;
                lastErrorTime = Clock.systemUTC().instant();
                return true;
            });
            this.started = informer.start().toCompletableFuture();
        }

        static <T extends HasMetadata> TrackedInformer<T> start(String resource, SharedIndexInformer<T> informer,
                String cluster, RemoteEventListener listener) {
            return new TrackedInformer<>(resource, informer, cluster, listener);
        }

        InformerHealth health() {
            return new InformerHealth(resource, informer.hasSynced(), informer.isWatching(), lastError, lastErrorTime);
        }
    }

    /** Maps every Job/Pod event to its run on the hub. */
    private record Forwarder<T extends HasMetadata>(String cluster, RemoteEventListener listener)
            implements ResourceEventHandler<T> {
        @Override
        public void onAdd(T obj) {
            forward(obj);
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
            forward(newObj);
        }

        @Override
        public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            forward(obj);
        }

        private void forward(T obj) {
            RemoteRuns.of(obj).ifPresent(run -> listener.onRemoteChange(cluster, run));
        }
    }
}
