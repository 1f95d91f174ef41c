package io.mapbench.operator.remote;

import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer cache that keeps only what the operator reads: {@code metadata.managedFields} (a
 * few KiB per object that server-side apply and every status writer add, never read here) is
 * dropped from every object as it enters the cache, and {@link #pods()} keeps of a pod's spec only
 * {@code nodeName}. Event handlers see the pruned object too (the informer hands them what it
 * stored).
 */
public class PrunedItemStore<T extends HasMetadata> extends BasicItemStore<T> {
    private final UnaryOperator<T> prune;

    public PrunedItemStore() {
        this(UnaryOperator.identity());
    }

    private PrunedItemStore(UnaryOperator<T> prune) {
        super(Cache::metaNamespaceKeyFunc);
        this.prune = prune;
    }

    /** Pods keep metadata (without managedFields), status and spec.nodeName. */
    public static PrunedItemStore<Pod> pods() {
        return new PrunedItemStore<>(PrunedItemStore::podSpecNodeNameOnly);
    }

    @Override
    public T put(String key, T obj) {
        obj.getMetadata().setManagedFields(null);
        return super.put(key, prune.apply(obj));
    }

    static Pod podSpecNodeNameOnly(Pod pod) {
        if (pod.getSpec() != null) {
            PodSpec kept = new PodSpec();
            kept.setNodeName(pod.getSpec().getNodeName());
            pod.setSpec(kept);
        }
        return pod;
    }
}
