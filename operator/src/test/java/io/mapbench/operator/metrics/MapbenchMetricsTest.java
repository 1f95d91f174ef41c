package io.mapbench.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.testfixtures.RunFixtures;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scrapes the Prometheus text the operator serves at /q/metrics. */
class MapbenchMetricsTest {
    private PrometheusMeterRegistry registry;
    private MapbenchMetrics metrics;

    @BeforeEach
    void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics = new MapbenchMetrics(registry);
    }

    @Test
    void runCountsPerPhaseIncludingZeros() {
        metrics.setRunCounts(Map.of(RunPhase.Running, 2L, RunPhase.Denied, 1L));
        String text = registry.scrape();
        assertThat(text).contains("mapbench_runs{phase=\"Running\",} 2.0").contains("mapbench_runs{phase=\"Denied\",} 1.0")
                .contains("mapbench_runs{phase=\"Succeeded\",} 0.0");
        metrics.setRunCounts(Map.of());
        assertThat(registry.scrape()).contains("mapbench_runs{phase=\"Running\",} 0.0");
    }

    @Test
    void finishedRunCountersStartAtZero() {
        // Before any run finished: a series per result at 0, so increase() sees the first one.
        String text = registry.scrape();
        assertThat(text).contains("mapbench_runs_finished_total{result=\"Failed\",} 0.0")
                .contains("mapbench_runs_finished_total{result=\"Succeeded\",} 0.0")
                .contains("mapbench_runs_finished_total{result=\"PartiallySucceeded\",} 0.0");
    }

    @Test
    void finishedRunsAndDenialsAreCounters() {
        metrics.runFinished(RunPhase.Succeeded);
        metrics.runFinished(RunPhase.Succeeded);
        metrics.runFinished(RunPhase.PartiallySucceeded);
        metrics.policyDenied("size-cap");
        String text = registry.scrape();
        assertThat(text).contains("mapbench_runs_finished_total{result=\"Succeeded\",} 2.0")
                .contains("mapbench_runs_finished_total{result=\"PartiallySucceeded\",} 1.0")
                .contains("mapbench_policy_denials_total{rule=\"size-cap\",} 1.0");
        assertThatThrownBy(() -> metrics.runFinished(RunPhase.Running)).hasMessage("runFinished: Running is not a finished phase");
    }

    @Test
    void memberClusterUpFollowsReadinessAndTier() {
        metrics.memberClusterUp("edge-k3s-1", "edge", true);
        assertThat(registry.scrape()).contains("mapbench_member_cluster_up{cluster=\"edge-k3s-1\",tier=\"edge\",} 1.0");
        metrics.memberClusterUp("edge-k3s-1", "edge", false);
        assertThat(registry.scrape()).contains("mapbench_member_cluster_up{cluster=\"edge-k3s-1\",tier=\"edge\",} 0.0");
        metrics.memberClusterUp("edge-k3s-1", "cloud", true);
        assertThat(registry.scrape()).contains("mapbench_member_cluster_up{cluster=\"edge-k3s-1\",tier=\"cloud\",} 1.0")
                .doesNotContain("tier=\"edge\"");
        metrics.removeMemberCluster("edge-k3s-1");
        assertThat(registry.scrape()).doesNotContain("mapbench_member_cluster_up{");
    }

    @Test
    void runCountsCanBeReadFromALiveCollectionAtScrapeTime() {
        List<BenchmarkRun> cache = new CopyOnWriteArrayList<>();
        metrics.countRunsFrom(() -> cache);
        cache.add(RunFixtures.run("a", "2026-11-25T08:00:00Z")); // no status yet: Pending
        cache.add(RunFixtures.withPhase(RunFixtures.run("b", "2026-11-25T08:00:00Z"), RunPhase.Running));
        cache.add(RunFixtures.withPhase(RunFixtures.run("c", "2026-11-25T08:00:00Z"), RunPhase.Running));
        assertThat(registry.scrape()).contains("mapbench_runs{phase=\"Pending\",} 1.0").contains("mapbench_runs{phase=\"Running\",} 2.0");
        cache.remove(1);
        assertThat(registry.scrape()).contains("mapbench_runs{phase=\"Running\",} 1.0");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "enabled={0} available={1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "true,  true,  1.0, 1.0",
        "true,  false, 1.0, 0.0",
        // disabled never looks available, whatever is loaded
        "false, true,  0.0, 0.0",
        "false, false, 0.0, 0.0"})
    void policyGauges(boolean enabled, boolean available, String wantEnabled, String wantAvailable) {
        String before = registry.scrape();
        assertThat(before).contains("\nmapbench_policy_available 0.0\n").contains("\nmapbench_policy_enabled 0.0\n");

        metrics.policyState(enabled, available);

        String text = registry.scrape();
        assertThat(text).contains("# TYPE mapbench_policy_available gauge\n")
                .contains("\nmapbench_policy_enabled " + wantEnabled + "\n")
                .contains("\nmapbench_policy_available " + wantAvailable + "\n");
    }
}
