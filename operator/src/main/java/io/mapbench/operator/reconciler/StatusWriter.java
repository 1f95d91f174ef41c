package io.mapbench.operator.reconciler;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;

/**
 * Writes a run's status with optimistic locking (the resourceVersion the reconcile read) and puts
 * the answer into the controller's cache, so the next reconcile never works from the status before
 * this write. A conflict is not retried here: it throws, nothing that depends on the write happens,
 * and the reconcile runs again from the fresh object (JOSDK retry).
 */
final class StatusWriter {
    /** No retries inside: a conflict means the reconcile's view is stale, so the whole reconcile is redone. */
    private static final int NO_RETRY = 0;
    private static final long CACHE_POLL_TIMEOUT_MS = 0;
    private static final long CACHE_POLL_PERIOD_MS = 50;

    private StatusWriter() {
    }

    static BenchmarkRun write(BenchmarkRun run, BenchmarkRunStatus status, Context<BenchmarkRun> context) {
        return PrimaryUpdateAndCacheUtils.updateAndCacheResource(run, context, r -> {
            BenchmarkRun copy = new BenchmarkRun();
            copy.setMetadata(r.getMetadata());
            copy.setSpec(r.getSpec());
            copy.setStatus(status);
            return copy;
        }, r -> context.getClient().resource(r).updateStatus(), NO_RETRY, CACHE_POLL_TIMEOUT_MS, CACHE_POLL_PERIOD_MS);
    }
}
