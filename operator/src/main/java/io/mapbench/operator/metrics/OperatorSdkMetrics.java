package io.mapbench.operator.metrics;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The operator SDK's own metrics (reconcile timers, event and failure counters) per controller, not
 * per resource. QOSDK's default collects them per resource: a timer with percentile histograms and a
 * handful of counters for every BenchmarkRun ever reconciled, kept until the run is deleted — memory
 * that grows with the number of finished runs (~25 KiB a run, measured by operator/bench/scale.sh).
 * Worse, Prometheus drops such a meter when another controller's meter of the same name has other
 * tag keys (MemberClusters are cluster-scoped: no namespace tag), so the per-resource BenchmarkRun
 * series were never exported at all and the dashboards' reconcile rates missed that controller.
 * Per-run detail belongs to the run's status and Events, not to metric labels.
 */
@Singleton
public class OperatorSdkMetrics {
    @Produces
    @Singleton
    Metrics sdkMetrics(MeterRegistry registry) {
        return perController(registry);
    }

    public static Metrics perController(MeterRegistry registry) {
        return MicrometerMetrics.withoutPerResourceMetrics(registry);
    }
}
