package io.mapbench.operator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkSchedule;
import io.mapbench.operator.config.Leadership;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Keeps the result gauges level-triggered: informers on the BenchmarkResults (pruned cache, see
 * {@link PrunedResultStore}) and BenchmarkSchedules of the run controller's namespaces, and after
 * any change - or when this replica becomes leader - the whole set of series is recomputed from
 * the caches and published. It never triggers a reconcile; it is an event source only so that it
 * starts and stops with the run controller and watches the same namespaces. A stand-by replica
 * keeps its caches warm and exports no result series (the leader's would be duplicated).
 */
public final class ResultMetricsSource extends AbstractEventSource<ResultSeries.Sample, BenchmarkRun> {
    private static final Logger LOG = Logger.getLogger(ResultMetricsSource.class);
    /** Coalesces a burst of events (a run finishing on 10 clusters, the initial list) into one publish. */
    private static final long DEBOUNCE_MILLIS = 200;
    /** Results per list page while the informer lists (bounds the full documents held at once). */
    private static final long LIST_PAGE = 20;

    private final KubernetesClient client;
    private final Set<String> namespaces;
    private final ResultMetrics metrics;
    private final Leadership leadership;
    private final int oneOffRuns;
    private final List<SharedIndexInformer<BenchmarkResult>> results = new ArrayList<>();
    private final List<SharedIndexInformer<BenchmarkSchedule>> schedules = new ArrayList<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private ScheduledExecutorService publisher;

    public ResultMetricsSource(KubernetesClient client, Set<String> namespaces, ResultMetrics metrics,
            Leadership leadership, int oneOffRuns) {
        // Typed by the samples it publishes, not BenchmarkResult: it is nobody's secondary resource,
        // so a BenchmarkResult informer another part of the run controller registers stays unambiguous.
        super(ResultSeries.Sample.class, "result-metrics");
        this.client = client;
        this.namespaces = namespaces;
        this.metrics = metrics;
        this.leadership = leadership;
        this.oneOffRuns = oneOffRuns;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        publisher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mapbench-result-metrics");
            t.setDaemon(true);
            return t;
        });
        boolean all = InformerConfiguration.allNamespacesWatched(namespaces);
        for (String ns : all ? List.of("") : namespaces) {
            var r = all ? client.resources(BenchmarkResult.class).inAnyNamespace()
                    : client.resources(BenchmarkResult.class).inNamespace(ns);
            // Listed in pages: a full result is up to 1 MiB until the store prunes it.
            SharedIndexInformer<BenchmarkResult> ri = r.withLimit(LIST_PAGE).runnableInformer(0)
                    .itemStore(new PrunedResultStore());
            ri.addEventHandler(onAnyChange());
            results.add(ri);
            var s = all ? client.resources(BenchmarkSchedule.class).inAnyNamespace()
                    : client.resources(BenchmarkSchedule.class).inNamespace(ns);
            SharedIndexInformer<BenchmarkSchedule> si = s.runnableInformer(0);
            si.addEventHandler(onAnyChange());
            schedules.add(si);
        }
        results.forEach(i -> i.start().whenComplete((v, e) -> started("benchmarkresults", e)));
        // Change points are an annotation on dashboards: without the schedule CRD or the right to
        // watch it, the result series still work.
        schedules.forEach(i -> i.start().whenComplete((v, e) -> started("benchmarkschedules", e)));
        leadership.whenLeading(this::requestPublish);
        super.start();
        LOG.infof("result metrics from the BenchmarkResults in %s (one-off runs kept: %d)",
                all ? "all namespaces" : namespaces, oneOffRuns);
    }

    private void started(String resource, Throwable error) {
        if (error != null) {
            LOG.warnf("result metrics: cannot watch %s: %s", resource, error.getMessage());
        }
        requestPublish();
    }

    private <T extends HasMetadata> ResourceEventHandler<T> onAnyChange() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                requestPublish();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                requestPublish();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                requestPublish();
            }
        };
    }

    private void requestPublish() {
        ScheduledExecutorService p = publisher;
        if (p != null && pending.compareAndSet(false, true)) {
            p.schedule(this::publish, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void publish() {
        pending.set(false);
        if (!leadership.leading()) {
            return;
        }
        try {
            List<BenchmarkResult> stored = results.stream().flatMap(i -> i.getStore().list().stream()).toList();
            List<BenchmarkSchedule> scheduled = schedules.stream().flatMap(i -> i.getStore().list().stream()).toList();
            metrics.publish(ResultSeries.of(stored, scheduled, oneOffRuns));
        } catch (RuntimeException e) {
            LOG.error("result metrics: publishing failed", e); // the next change publishes again
        }
    }

    @Override
    public Set<ResultSeries.Sample> getSecondaryResources(BenchmarkRun primary) {
        return Set.of();
    }

    @Override
    public synchronized void stop() {
        results.forEach(SharedIndexInformer::stop);
        schedules.forEach(SharedIndexInformer::stop);
        results.clear();
        schedules.clear();
        if (publisher != null) {
            publisher.shutdownNow();
            publisher = null;
        }
        super.stop();
    }
}
