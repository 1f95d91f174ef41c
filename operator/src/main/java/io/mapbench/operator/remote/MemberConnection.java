package io.mapbench.operator.remote;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mapbench.operator.dependent.RemoteLabels;

/**
 * The hub's connection to one member: a Fabric8 client built from the member's kubeconfig and
 * informers on the run Jobs and Pods in its workload namespace (only objects this hub manages).
 * Replaced as a whole when the kubeconfig or the namespace changes.
 */
final class MemberConnection implements AutoCloseable {
    final String cluster;
    final String namespace;
    final String digest;
    final KubernetesClient client;
    final SharedIndexInformer<Job> jobs;
    final SharedIndexInformer<Pod> pods;

    MemberConnection(String cluster, String namespace, String digest, KubernetesClient client, String hubId,
            RemoteEventListener listener) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.digest = digest;
        this.client = client;
        this.jobs = client.batch().v1().jobs().inNamespace(namespace)
                .withLabel(RemoteLabels.MANAGED_BY, RemoteLabels.MANAGED_BY_VALUE)
                .withLabel(RemoteLabels.HUB, hubId)
                .runnableInformer(0);
        this.pods = client.pods().inNamespace(namespace)
                .withLabel(RemoteLabels.MANAGED_BY, RemoteLabels.MANAGED_BY_VALUE)
                .withLabel(RemoteLabels.HUB, hubId)
                .runnableInformer(0);
        jobs.addEventHandler(new Forwarder<>(cluster, listener));
        pods.addEventHandler(new Forwarder<>(cluster, listener));
        // An unreachable member must not stop the informers for good: keep retrying (with the
        // client's backoff) until the member comes back or the connection is closed.
        jobs.exceptionHandler((started, t) -> true);
        pods.exceptionHandler((started, t) -> true);
        // Non-blocking: the first list happens in the background; hasSynced() tells when the
        // caches can be trusted.
        jobs.start();
        pods.start();
    }

    boolean synced() {
        return jobs.hasSynced() && pods.hasSynced();
    }

    @Override
    public void close() {
        jobs.stop();
        pods.stop();
        client.close();
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
