package io.mapbench.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkSchedule;
import io.mapbench.operator.results.ResultDocument;
import io.mapbench.operator.results.ResultExtractor;
import io.mapbench.operator.results.ResultReader;
import io.mapbench.operator.results.ResultSchema;
import io.mapbench.operator.testfixtures.ResultObjects;
import io.mapbench.operator.testfixtures.RunFixtures;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * History that survives (issue 12): result gauges come from the BenchmarkResults stored on the real
 * hub, so the real operator jar exports them without any run; a stand-by replica exports none
 * until it takes the Lease, then the same values; a restarted process exports the same values
 * again; a deleted result takes its series along; and the alert MapbenchBenchmarkRegressed fires
 * on a real Prometheus scraping the operators for the stored result whose comparison (written
 * the way the issue-12 contract says) has a regression.
 */
@LocalClustersTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResultMetricsIT {
    static final Duration STARTUP = Duration.ofMinutes(4);
    /** A restarted process: its start plus the killed holder's Lease running out. */
    static final Duration LEASE_TAKEOVER = Duration.ofMinutes(4);
    static TestClusters clusters;
    static String ns;
    static OperatorProcess a;
    static OperatorProcess b;
    static PrometheusProcess prometheus;
    /** What the first leader exported: every later leader must export exactly this. */
    static List<String> exported;

    static OperatorProcess replica(String identity) {
        return new OperatorProcess(clusters.repoRoot(), clusters.kubeconfig("hub"), ns, "mapbench.io/it=" + ns,
                Map.of("mapbench.policy.enabled", "false", "mapbench.leader-election.enabled", "true",
                        "mapbench.leader-election.identity", identity,
                        // The stored schedule status stands for change points the schedule controller found (its
                        // own tests find them from results); here that controller would recompute them from this
                        // namespace's two results, which hold no series, so it watches another namespace.
                        "quarkus.operator-sdk.controllers.benchmarkschedule.namespaces", ns + "-unwatched"));
    }

    @BeforeAll
    static void storeResults(TestClusters c) throws Exception {
        clusters = c;
        ns = c.namespace();
        KubernetesClient hub = c.hub();
        try (Stream<Path> crds = Files.list(c.repoRoot().resolve("crds"))) {
            for (Path crd : crds.filter(p -> p.toString().endsWith(".yml")).toList()) {
                try (InputStream in = new FileInputStream(crd.toFile())) {
                    hub.load(in).forceConflicts().serverSideApply();
                }
            }
        }
        Path testdata = c.repoRoot().resolve("deploy/monitoring/testdata");
        BenchmarkResult regressed = hub.getKubernetesSerialization()
                .unmarshal(Files.readString(testdata.resolve("regressed-result.json")), BenchmarkResult.class);
        regressed.getMetadata().setNamespace(ns);
        hub.resources(BenchmarkResult.class).inNamespace(ns).resource(regressed).create();
        // A one-off run's result holding a real workload document (the smoke suite's pod log).
        ResultDocument doc = new ResultReader(ResultSchema.bundled(), ResultExtractor.DEFAULT_MAX_BYTES)
                .read(RunFixtures.resource("pod-log-smoke.txt"));
        BenchmarkResult seed = ResultObjects.result(ns, "seed-cloud-1-1-26-8", "seed", null, "cloud-1", "1.26.8", null, doc);
        seed.getMetadata().setLabels(Map.of());
        hub.resources(BenchmarkResult.class).inNamespace(ns).resource(seed).create();
        try (InputStream in = Files.newInputStream(testdata.resolve("schedule.yaml"))) {
            BenchmarkSchedule s = hub.resources(BenchmarkSchedule.class).load(in).item();
            s.setMetadata(new ObjectMetaBuilder().withName(s.getMetadata().getName()).withNamespace(ns).build());
            hub.resources(BenchmarkSchedule.class).inNamespace(ns).resource(s).create();
        }
        BenchmarkSchedule status = hub.getKubernetesSerialization()
                .unmarshal(Files.readString(testdata.resolve("change-points-status.json")), BenchmarkSchedule.class);
        hub.resources(BenchmarkSchedule.class).inNamespace(ns).withName("e2e-nightly").editStatus(s -> {
            s.setStatus(status.getStatus());
            return s;
        });
        a = replica("a");
        b = replica("b");
        prometheus = new PrometheusProcess(c.repoRoot(), Path.of(System.getProperty("user.dir"), "target", "it-prometheus-" + ns),
                List.of(a.port(), b.port()));
        a.start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable p : new AutoCloseable[] {prometheus, a, b}) {
            if (p != null) {
                p.close();
            }
        }
    }

    /** The result series an operator exports, one line each, sorted (HELP and TYPE lines left out). */
    static List<String> resultSeries(OperatorProcess op) throws Exception {
        return op.metrics().lines().filter(l -> l.startsWith("mapbench_benchmark_") || l.startsWith("mapbench_regressions")
                || l.startsWith("mapbench_schedule_")).sorted().toList();
    }

    @Test
    @Order(1)
    void theLeaderExportsTheStoredResultsWithoutAnyRun() throws Exception {
        String id = "namespace=\"" + ns + "\"";
        await().atMost(STARTUP).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(a.alive()).as("operator a (log %s)", a.log()).isTrue();
            List<String> lines = resultSeries(a);
            assertThat(lines).contains("mapbench_regressions{cluster=\"cloud-1\",go_version=\"1.26.8\"," + id
                    + ",run=\"\",schedule=\"e2e-nightly\"} 1.0");
            assertThat(lines).contains("mapbench_benchmark_change_ratio{benchmark=\"BenchmarkRangeKV/key=int64/value=int64/size=100\","
                    + "cluster=\"cloud-1\",go_version=\"1.26.8\"," + id + ",run=\"\",schedule=\"e2e-nightly\"} 1.25");
            assertThat(lines).contains("mapbench_benchmark_seconds_per_op{arch=\"amd64\",benchmark=\"BenchmarkRangeKV/key=int64/"
                    + "value=int64/size=100\",cluster=\"cloud-1\",emulation=\"\",go_version=\"1.26.8\",key_type=\"int64\","
                    + "map_impl=\"swiss\"," + id + ",run=\"seed\",scenario=\"range-kv-vs-keys\",schedule=\"\",size=\"100\","
                    + "stat=\"median\",value_type=\"int64\",variant=\"RangeKV\"} 8.432E-7");
            assertThat(lines).contains("mapbench_schedule_change_point_timestamp_seconds{benchmark=\"BenchmarkRangeKV/key=int64/"
                    + "value=int64/size=100\",cluster=\"cloud-1\",go_version=\"1.26.8\"," + id
                    + ",run=\"e2e-nightly-2\",schedule=\"e2e-nightly\"} 1.7966088E9");
        });
        // 2 results x 2 or 3 benchmarks x 6 gauges x 3 stats, plus info, comparison and change-point series.
        assertThat(resultSeries(a).stream().filter(l -> l.startsWith("mapbench_benchmark_seconds_per_op{"))).hasSize(2 * 3 + 3 * 3);
    }

    @Test
    @Order(2)
    void theAlertFiresOnARealPrometheus() {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode firing = null;
            for (JsonNode alert : prometheus.alerts()) {
                if (alert.path("labels").path("alertname").asText().equals("MapbenchBenchmarkRegressed")
                        && alert.path("state").asText().equals("firing")) {
                    firing = alert;
                }
            }
            assertThat(firing).as("MapbenchBenchmarkRegressed firing").isNotNull();
            assertThat(firing.path("labels").path("schedule").asText()).isEqualTo("e2e-nightly");
            assertThat(firing.path("labels").path("namespace").asText()).isEqualTo(ns);
            assertThat(firing.path("labels").path("cluster").asText()).isEqualTo("cloud-1");
            assertThat(firing.path("annotations").path("summary").asText())
                    .isEqualTo("1 benchmark(s) regressed: schedule e2e-nightly on cloud-1, Go 1.26.8");
        });
    }

    @Test
    @Order(3)
    void aStandByExportsNothingThenTheSameValuesWhenItTakesTheLease() throws Exception {
        exported = resultSeries(a);
        b.start();
        // A JVM start takes over a minute on a loaded 2-core machine.
        await().atMost(STARTUP).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> assertThat(b.metrics()).contains("mapbench_runs{"));
        Thread.sleep(3000); // a stand-by that would publish does so within the debounce
        assertThat(resultSeries(b)).as("result series of the stand-by").isEmpty();
        a.kill9();
        await().atMost(LEASE_TAKEOVER).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> assertThat(resultSeries(b)).isEqualTo(exported));
        // Prometheus sees them from the new leader, and the alert keeps firing.
        String instance = "127.0.0.1:" + b.port();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                prometheus.query("mapbench_regressions{instance=\"" + instance + "\", schedule=\"e2e-nightly\"} == 1")).hasSize(1));
    }

    @Test
    @Order(4)
    void aRestartedOperatorExportsTheSameValuesWithoutANewRun() throws Exception {
        b.kill9();
        a.start();
        await().atMost(LEASE_TAKEOVER).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> assertThat(resultSeries(a)).isEqualTo(exported));
        assertThat(clusters.hub().resources(BenchmarkRun.class).inNamespace(ns).list().getItems()).isEmpty();
        assertThat(clusters.hub().resources(BenchmarkResult.class).inNamespace(ns).list().getItems()).hasSize(2);
    }

    @Test
    @Order(5)
    void aDeletedResultTakesItsSeriesAlong() {
        clusters.hub().resources(BenchmarkResult.class).inNamespace(ns).withName("seed-cloud-1-1-26-8").delete();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<String> lines = resultSeries(a);
            assertThat(lines).noneMatch(l -> l.contains("run=\"seed\""));
            assertThat(lines).anyMatch(l -> l.startsWith("mapbench_regressions{") && l.contains("schedule=\"e2e-nightly\""));
        });
    }
}
