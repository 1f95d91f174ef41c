package io.mapbench.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.testfixtures.RunFixtures;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator SDK's metrics stay per controller however many runs were reconciled. */
class OperatorSdkMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Metrics metrics = OperatorSdkMetrics.perController(registry);
    private final Map<String, Object> runMetadata = Map.of(Constants.CONTROLLER_NAME, "benchmarkrun",
            Constants.RESOURCE_GVK_KEY, GroupVersionKind.gvkFor(BenchmarkRun.class));

    @Test
    void meterCountDoesNotGrowWithTheNumberOfRuns() throws Exception {
        reconcileRuns(0, 10);
        int afterTen = registry.getMeters().size();
        reconcileRuns(10, 1000);
        assertThat(registry.getMeters()).hasSize(afterTen);
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTag("name")).isNull());
    }

    @Test
    void reconcileTimerOfTheRunControllerIsExported() throws Exception {
        reconcileRuns(0, 3);
        // What the dashboards and the reconcile-error alert divide by, per controller.
        // One series for the controller counting all three, not one per run.
        assertThat(registry.scrape().lines().filter(line -> line.startsWith("operator_sdk_controllers_execution_reconcile_seconds_count{")))
                .containsExactly("operator_sdk_controllers_execution_reconcile_seconds_count{controller=\"benchmarkrun\","
                        + "resource_group=\"mapbench.io\",resource_kind=\"BenchmarkRun\",resource_scope=\"namespace\",resource_version=\"v1alpha1\",} 3.0");
    }

    /** What the SDK records per reconcile that can carry the resource's name (the queue gauges need a registered controller). */
    private void reconcileRuns(int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            BenchmarkRun run = RunFixtures.run("run-" + i, "2026-12-07T10:00:00Z");
            ResourceID id = ResourceID.fromResource(run);
            metrics.receivedEvent(new ResourceEvent(ResourceAction.ADDED, id, run), runMetadata);
            metrics.timeControllerExecution(new Metrics.ControllerExecution<String>() {
                public String name() {
                    return "reconcile";
                }

                public String controllerName() {
                    return "benchmarkrun";
                }

                public String successTypeName(String result) {
                    return "resource";
                }

                public ResourceID resourceID() {
                    return id;
                }

                public Map<String, Object> metadata() {
                    return runMetadata;
                }

                public String execute() {
                    return "done";
                }
            });
            metrics.failedReconciliation(run, new IllegalStateException("conflict"), runMetadata);
        }
    }
}
