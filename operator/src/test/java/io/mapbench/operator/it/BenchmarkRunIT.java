package io.mapbench.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mapbench.operator.api.v1alpha1.BaselineSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkComparison;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.ComputeResources;
import io.mapbench.operator.api.v1alpha1.CleanupSpec;
import io.mapbench.operator.api.v1alpha1.ComparisonSummary;
import io.mapbench.operator.api.v1alpha1.ComparisonVerdict;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.PlacementSpec;
import io.mapbench.operator.api.v1alpha1.ResourcesSpec;
import io.mapbench.operator.api.v1alpha1.ResultComparison;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.api.v1alpha1.Suite;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;

/**
 * The operator end to end on the real local clusters (issue 4, acceptance): the real operator jar
 * as a process, members onboarded with onboard.sh (token kubeconfigs only), the real workload
 * binary (smoke suite) on cloud-1 and, emulated arm64, on the edge K3s cluster.
 */
@LocalClustersTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BenchmarkRunIT {
    static final String CLOUD = "cloud-1";
    static final String EDGE = "edge-k3s-1";
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);

    static TestClusters clusters;
    static OperatorProcess operator;
    static String cloud;
    static String edge;

    @BeforeAll
    static void startOperator(TestClusters c) throws Exception {
        clusters = c;
        String ns = c.namespace();
        KubernetesClient hub = c.hub();
        try (Stream<Path> crds = Files.list(c.repoRoot().resolve("crds"))) {
            for (Path crd : crds.filter(p -> p.toString().endsWith(".yml")).toList()) {
                try (InputStream in = new FileInputStream(crd.toFile())) {
                    hub.load(in).forceConflicts().serverSideApply();
                }
            }
        }
        Path kubectl = Onboarding.kubectl(c.repoRoot());
        String label = "mapbench.io/it=" + ns;
        cloud = ns + "-cloud";
        edge = ns + "-edge";
        Onboarding.onboard(c.repoRoot(), kubectl, cloud, "cloud", c.kubeconfig(CLOUD), c.kubeconfig("hub"), ns, ns, label);
        Onboarding.onboard(c.repoRoot(), kubectl, edge, "edge", c.kubeconfig(EDGE), c.kubeconfig("hub"), ns, ns, label);
        operator = new OperatorProcess(c.repoRoot(), c.kubeconfig("hub"), ns, label,
                Map.of("mapbench.policy.enabled", "false", "mapbench.unreachable-deadline", "30s"));
        operator.start();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(operator.alive()).as("operator process (log %s)", operator.log()).isTrue();
            for (String name : List.of(cloud, edge)) {
                MemberCluster mc = hub.resources(MemberCluster.class).withName(name).get();
                assertThat(mc.getStatus()).as("MemberCluster %s status", name).isNotNull();
                assertThat(mc.getStatus().getConditions()).anyMatch(
                        cond -> ConditionTypes.READY.equals(cond.getType()) && cond.getStatus() == ConditionStatus.True);
            }
        });
    }

    @AfterAll
    static void stopOperator() throws Exception {
        try {
            if (clusters != null) {
                // Delete the runs and offboard while the operator still runs: it removes their
                // finalizers (runs left behind keep the namespace Terminating until an operator returns).
                clusters.hub().resources(BenchmarkRun.class).inNamespace(clusters.namespace()).delete();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> clusters.hub()
                        .resources(BenchmarkRun.class).inNamespace(clusters.namespace()).list().getItems().isEmpty());
                Onboarding.offboard(clusters.hub(), clusters.client(CLOUD), cloud, clusters.namespace());
                Onboarding.offboard(clusters.hub(), clusters.client(EDGE), edge, clusters.namespace());
                await().atMost(Duration.ofSeconds(60)).until(() -> clusters.hub().resources(MemberCluster.class)
                        .withName(cloud).get() == null && clusters.hub().resources(MemberCluster.class).withName(edge).get() == null);
            }
        } finally {
            if (operator != null) {
                operator.close();
            }
        }
    }

    @Test
    @Order(1)
    void memberClustersReportVersionsArchitecturesAndK3s() {
        MemberCluster e = clusters.hub().resources(MemberCluster.class).withName(edge).get();
        assertThat(e.getStatus().getDistribution()).isEqualTo("k3s");
        assertThat(e.getStatus().getArchitectures()).containsExactly("arm64");
        assertThat(e.getStatus().getNodes()).allSatisfy(n -> {
            assertThat(n.getEdge()).isTrue();
            assertThat(n.getTaints()).contains("mapbench.io/edge=true:NoSchedule");
        });
        MemberCluster c = clusters.hub().resources(MemberCluster.class).withName(cloud).get();
        assertThat(c.getStatus().getDistribution()).isEqualTo("kubernetes");
        assertThat(c.getStatus().getArchitectures()).containsExactly("amd64");
        assertThat(c.getStatus().getConsecutiveFailures()).isZero();
    }

    @Test
    @Order(2)
    void runOnCloudAndEdgeSucceedsWithOneResultPerJobBudgetsAndMetrics() throws Exception {
        KubernetesClient hub = clusters.hub();
        String ns = clusters.namespace();
        BenchmarkRun spec = run("smoke-both", List.of("1.23", "1.26"), null);
        // Longer samples keep each pod running for several seconds, so the eviction below meets a
        // running pod, not one that just finished (terminal pods may always be evicted).
        spec.getSpec().setBenchtime("300ms");
        BenchmarkRun run = hub.resource(spec).create();

        // While a benchmark pod runs, its cluster has the run's budget and eviction is refused (HTTP 429).
        // The edge pod (arm64 under emulation) runs longest, so it is still running when evicted.
        KubernetesClient member = clusters.client(EDGE);
        Pod running = await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(
                () -> member.pods().inNamespace(ns).withLabel("mapbench.io/run-uid", run.getMetadata().getUid()).list()
                        .getItems().stream().filter(p -> "Running".equals(p.getStatus().getPhase())).findFirst().orElse(null),
                p -> p != null);
        assertThat(member.policy().v1().podDisruptionBudget().inNamespace(ns)
                .withLabel("mapbench.io/run-uid", run.getMetadata().getUid()).list().getItems()).hasSize(1);
        boolean evicted = member.pods().inNamespace(ns).withName(running.getMetadata().getName()).evict();
        assertThat(evicted).as("eviction of a running benchmark pod").isFalse();

        BenchmarkRun done = awaitFinished(run);
        assertThat(done.getStatus().getPhase()).as(describe(done)).isEqualTo(RunPhase.Succeeded);
        assertThat(done.getStatus().getJobs()).hasSize(4).allSatisfy(j -> {
            assertThat(j.getPhase()).isEqualTo(JobPhase.Succeeded);
            assertThat(j.getResultName()).isNotBlank();
        });
        JobStatus edgeJob = done.getStatus().getJobs().stream().filter(j -> edge.equals(j.getCluster())).findFirst().orElseThrow();
        assertThat(edgeJob.getNode()).isEqualTo("edge-k3s-1-node-1");
        assertThat(edgeJob.getNodeArch()).isEqualTo("arm64");
        assertThat(edgeJob.getArch()).isEqualTo("arm64");

        // Exactly one BenchmarkResult per (cluster, Go version).
        List<BenchmarkResult> results = results(run);
        assertThat(results).hasSize(4);
        assertThat(results.stream().map(r -> r.getSpec().getCluster() + "/" + r.getSpec().getGoVersion()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(cloud + "/1.23.12", cloud + "/1.26.8", edge + "/1.23.12", edge + "/1.26.8");

        // Side effects once each, after the status write that records them: one Dispatched Event
        // for both clusters, one Event for the phase reaching Succeeded, one count of the finished run.
        await("events of the run").atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events(run))
                .filteredOn(e -> e.getMessage().startsWith("phase: ") && e.getMessage().contains("-> Succeeded")).hasSize(1));
        assertThat(events(run)).filteredOn(e -> "Dispatched".equals(e.getReason())).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains(cloud).contains(edge));
        Double finished = scrape(operator.metrics(), "mapbench_runs_finished_total", Map.of("result", "Succeeded"));
        assertThat(finished).as("runs_finished_total{result=Succeeded}").isEqualTo(1.0);

        // After the run no budget remains.
        for (String m : List.of(CLOUD, EDGE)) {
            assertThat(clusters.client(m).policy().v1().podDisruptionBudget().inNamespace(ns)
                    .withLabel("mapbench.io/run-uid", run.getMetadata().getUid()).list().getItems()).as(m).isEmpty();
        }

        // The median at /q/metrics equals the BenchmarkResult's.
        BenchmarkResult r = results.stream().filter(x -> edge.equals(x.getSpec().getCluster())).findFirst().orElseThrow();
        JsonNode b = r.getSpec().getResult().get("benchmarks").get(0);
        double median = b.get("stats").get("nsPerOp").get("median").asDouble();
        String metrics = operator.metrics();
        Double scraped = scrape(metrics, "mapbench_benchmark_ns_per_op", Map.of("run", run.getMetadata().getName(),
                "cluster", edge, "go_version", r.getSpec().getGoVersion(), "scenario", b.get("scenario").asText(),
                "variant", b.path("variant").asText(""), "size", b.get("size").asText(), "stat", "median"));
        assertThat(scraped).as("scraped median").isNotNull();
        assertThat(scraped).isCloseTo(median, org.assertj.core.data.Percentage.withPercentage(1e-6));
        // The framework's reconcile metrics are exported per controller (the dashboards' reconcile
        // rates and the error-ratio alert divide by them) and never name a run.
        assertThat(scrape(metrics, "operator_sdk_controllers_execution_reconcile_seconds_count", Map.of("controller", "benchmarkrun")))
                .as("reconciles of the benchmarkrun controller").isNotNull().isPositive();
        assertThat(metrics.lines().filter(line -> line.startsWith("operator_sdk_")))
                .noneMatch(line -> line.contains("\"" + run.getMetadata().getName() + "\""));

        // After the run is deleted its series are gone (and its results with it: resultRetention Delete).
        hub.resource(done).delete();
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(hub.resources(BenchmarkRun.class).inNamespace(ns).withName("smoke-both").get()).isNull());
        // The series come from the stored results, which the garbage collector deletes after the run.
        await("series of the deleted run's results gone").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(operator.metrics()).doesNotContain("run=\"smoke-both\""));
    }

    @Test
    @Order(3)
    void unknownScenarioIsDeniedAtAdmissionNamingTheFieldAndCreatesNothing() {
        KubernetesClient hub = clusters.hub();
        BenchmarkRun run = run("unknown-scenario", List.of("1.26"), List.of(cloud));
        run.getSpec().setSuite(null);
        run.getSpec().setScenarios(List.of("no-such-scenario"));
        BenchmarkRun created = hub.resource(run).create();
        BenchmarkRun denied = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300)).until(
                () -> hub.resources(BenchmarkRun.class).inNamespace(clusters.namespace()).withName("unknown-scenario").get(),
                r -> r.getStatus() != null && r.getStatus().getPhase() == RunPhase.Denied);
        var admitted = denied.getStatus().getConditions().stream().filter(c -> c.getType().equals("Admitted")).findFirst()
                .orElseThrow();
        assertThat(admitted.getReason()).isEqualTo("InvalidSpec");
        assertThat(admitted.getMessage()).startsWith("spec.scenarios[0]: unknown scenario \"no-such-scenario\"");
        assertThat(denied.getStatus().getAssignment()).as("holds no capacity").isNull();
        assertThat(clusters.client(CLOUD).batch().v1().jobs().inNamespace(clusters.namespace())
                .withLabel("mapbench.io/run-uid", created.getMetadata().getUid()).list().getItems()).isEmpty();
        hub.resource(denied).delete();
    }

    @Test
    @Order(4)
    void operatorKilledMidRunKeepsJobsAndAssignmentAndCreatesResultsOnce() throws Exception {
        KubernetesClient hub = clusters.hub();
        String ns = clusters.namespace();
        BenchmarkRun created = hub.resource(run("restart", List.of("1.23", "1.26"), null)).create();
        BenchmarkRun dispatched = await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(300)).until(
                () -> hub.resources(BenchmarkRun.class).inNamespace(ns).withName("restart").get(),
                r -> r.getStatus() != null && r.getStatus().getJobs().size() == 4
                        && r.getStatus().getJobs().stream().allMatch(j -> j.getJobUid() != null));
        Map<String, String> uidsBefore = jobUids(dispatched);
        List<String> clustersBefore = dispatched.getStatus().getAssignment().getClusters();

        // The restart re-reconciles the running run from scratch: the Jobs keep their UIDs and
        // generations (a changed spec would be a new generation), i.e. nothing is rewritten.
        Map<String, String> versionsBefore = remoteJobGenerations(created);
        assertThat(versionsBefore).hasSize(4);

        operator.kill9();
        operator.start();

        BenchmarkRun done = awaitFinished(created);
        assertThat(done.getStatus().getPhase()).as(describe(done)).isEqualTo(RunPhase.Succeeded);
        assertThat(done.getStatus().getAssignment().getClusters()).isEqualTo(clustersBefore);
        assertThat(jobUids(done)).isEqualTo(uidsBefore);
        assertThat(results(done)).hasSize(4);
        assertThat(remoteJobGenerations(created)).isEqualTo(versionsBefore);
        // Each result created once: one object per (cluster, Go version), created before the run finished.
        assertThat(results(done)).extracting(r -> r.getMetadata().getGeneration()).containsOnly(1L);
    }

    /**
     * A member whose API server stays unreachable past the deadline: its jobs become Lost, the run
     * ends PartiallySucceeded, and deleting the run still completes within the bound. The member is
     * reached through the local clusters' TCP proxy (deploy/local/clusters proxy), so dropping its
     * connections cuts off only this test's MemberCluster, not the shared cluster.
     */
    @Test
    @Order(5)
    void memberUnreachablePastTheDeadlineIsLostAndDeletionStillCompletes() throws Exception {
        KubernetesClient hub = clusters.hub();
        String ns = clusters.namespace();
        String lost = ns + "-lost";
        String proxy = clustersTool("proxy", EDGE, "--no-drop");
        Matcher port = Pattern.compile("proxy 127\\.0\\.0\\.1:(\\d+) ->").matcher(proxy);
        assertThat(port.find()).as("proxy output: %s", proxy).isTrue();
        Onboarding.onboard(clusters.repoRoot(), Onboarding.kubectl(clusters.repoRoot()), lost, "edge",
                clusters.kubeconfig(EDGE), clusters.kubeconfig("hub"), ns, ns, "mapbench.io/it=" + ns,
                "https://127.0.0.1:" + port.group(1));
        try {
            await().atMost(Duration.ofMinutes(1)).ignoreExceptions().untilAsserted(() -> assertThat(hub.resources(MemberCluster.class)
                    .withName(lost).get().getStatus().getConditions()).anyMatch(c -> ConditionTypes.READY.equals(c.getType())
                            && c.getStatus() == ConditionStatus.True));
            BenchmarkRun created = hub.resource(run("lost", List.of("1.26"), List.of(cloud, lost))).create();
            await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(300)).until(
                    () -> hub.resources(BenchmarkRun.class).inNamespace(ns).withName("lost").get(),
                    r -> r.getStatus() != null && r.getStatus().getJobs().stream()
                            .anyMatch(j -> lost.equals(j.getCluster()) && j.getJobUid() != null));
            clustersTool("proxy", EDGE, "--drop");

            BenchmarkRun done = awaitFinished(created);
            assertThat(done.getStatus().getPhase()).as(describe(done)).isEqualTo(RunPhase.PartiallySucceeded);
            JobStatus lostJob = done.getStatus().getJobs().stream().filter(j -> lost.equals(j.getCluster())).findFirst()
                    .orElseThrow();
            assertThat(lostJob.getPhase()).isEqualTo(JobPhase.Lost);
            MemberCluster mc = hub.resources(MemberCluster.class).withName(lost).get();
            assertThat(mc.getStatus().getConsecutiveFailures()).isPositive();

            long start = System.nanoTime();
            hub.resource(done).delete();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(hub.resources(BenchmarkRun.class).inNamespace(ns).withName("lost").get()).isNull());
            System.out.printf("MEASURE deletion with an unreachable member took %.1fs%n", (System.nanoTime() - start) / 1e9);
        } finally {
            clustersTool("proxy", EDGE, "--no-drop");
            Onboarding.offboard(hub, clusters.client(EDGE), lost, ns);
        }
    }

    /**
     * spec.cleanup.keepFailed: after ttlAfterFinished a failed job keeps its remote Job (and pod,
     * and logs) for debugging, while a run without it is cleaned up; deleting the run removes what
     * was kept. Both runs time out (timeout 1s), so they fail for certain and quickly.
     */
    @Test
    @Order(6)
    void keepFailedKeepsAFailedJobsRemoteObjectsUntilTheRunIsDeleted() throws Exception {
        KubernetesClient hub = clusters.hub();
        KubernetesClient member = clusters.client(CLOUD);
        String ns = clusters.namespace();
        BenchmarkRun kept = hub.resource(failingFast("kept", true)).create();
        BenchmarkRun cleaned = hub.resource(failingFast("cleaned", false)).create();
        assertThat(awaitFinished(kept).getStatus().getPhase()).isEqualTo(RunPhase.Failed);
        assertThat(awaitFinished(cleaned).getStatus().getPhase()).isEqualTo(RunPhase.Failed);

        await("the run without keepFailed is cleaned up").atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(remoteJobs(member, cleaned)).isEmpty());
        assertThat(remoteJobs(member, kept)).as("keepFailed: the failed Job stays for debugging").hasSize(1);

        hub.resource(kept).delete();
        await("deleting the run removes what was kept").atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(remoteJobs(member, kept)).isEmpty());
        hub.resource(cleaned).delete();
    }

    /**
     * Issue 12: a run with spec.baseline.runName is compared with that run's result when it
     * finishes: spec.comparison on its BenchmarkResult (base medians equal to the medians the Go
     * workload computed into the baseline's document), status.comparison and the Regressed
     * condition; written once. A baseline without results gives Regressed=Unknown (NoBaseline).
     */
    @Test
    @Order(7)
    void runWithABaselineIsComparedWithThatRunsResultOnceWhenItFinishes() {
        KubernetesClient hub = clusters.hub();
        BenchmarkRun base = hub.resource(sixSamples(run("cmp-base", List.of("1.26"), List.of(cloud)))).create();
        assertThat(awaitFinished(base).getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
        BenchmarkRun candidate = hub.resource(withBaseline(sixSamples(run("cmp-candidate", List.of("1.26"), List.of(cloud))),
                "cmp-base")).create();
        BenchmarkRun orphan = hub.resource(withBaseline(sixSamples(run("cmp-orphan", List.of("1.26"), List.of(cloud))),
                "no-such-run")).create();

        BenchmarkRun done = awaitFinished(candidate);
        assertThat(done.getStatus().getPhase()).as(describe(done)).isEqualTo(RunPhase.Succeeded);
        BenchmarkResult baseResult = results(base).get(0);
        BenchmarkResult result = results(done).get(0);
        ResultComparison comparison = result.getSpec().getComparison();
        assertThat(comparison).as("spec.comparison of %s", result.getMetadata().getName()).isNotNull();
        assertThat(comparison.getBaselineRun()).isEqualTo("cmp-base");
        assertThat(comparison.getBaselineResult()).isEqualTo(baseResult.getMetadata().getName());
        JsonNode baseBenchmarks = baseResult.getSpec().getResult().get("benchmarks");
        assertThat(comparison.getBenchmarks()).hasSize(baseBenchmarks.size());
        for (JsonNode b : baseBenchmarks) {
            BenchmarkComparison c = comparison.getBenchmarks().stream()
                    .filter(x -> x.getBenchmark().equals(b.get("name").asText())).findFirst().orElseThrow();
            // The workload's document carries benchmath's median and 95% interval (computed in Go).
            JsonNode goStats = b.get("stats").get("nsPerOp");
            var close = org.assertj.core.data.Percentage.withPercentage(1e-3);
            assertThat(c.getBase().getMedian()).as(c.getBenchmark()).isCloseTo(goStats.get("median").asDouble(), close);
            assertThat(c.getBase().getLow()).as(c.getBenchmark()).isCloseTo(goStats.get("ciLow").asDouble(), close);
            assertThat(c.getBase().getHigh()).as(c.getBenchmark()).isCloseTo(goStats.get("ciHigh").asDouble(), close);
            assertThat(c.getBase().getSamples()).isEqualTo(6);
            assertThat(c.getVerdict()).isNotEqualTo(ComparisonVerdict.InsufficientSamples);
        }
        assertThat(comparison.getFaster() + comparison.getSlower() + comparison.getUnchanged())
                .isEqualTo(baseBenchmarks.size());

        ComparisonSummary summary = done.getStatus().getComparison();
        assertThat(summary.getComparedResults()).isEqualTo(1);
        assertThat(summary.getBaselineRuns()).containsExactly("cmp-base");
        assertThat(summary.getSlower()).isEqualTo(comparison.getSlower());
        var regressed = condition(done, ConditionTypes.REGRESSED);
        assertThat(regressed.getStatus()).isEqualTo(summary.getWorstRegressions().isEmpty() ? ConditionStatus.False
                : ConditionStatus.True);
        assertThat(regressed.getReason()).isEqualTo(summary.getWorstRegressions().isEmpty() ? "NoRegression" : "Regressed");
        await("Regressed Event only for a regression").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(events(done)).filteredOn(e -> "Regressed".equals(e.getReason()))
                        .hasSize(summary.getWorstRegressions().isEmpty() ? 0 : 1)
                        .allMatch(e -> "Warning".equals(e.getType())));

        // Written once: another reconcile (an annotation change) leaves the result and the comparison alone.
        String resultVersion = result.getMetadata().getResourceVersion();
        hub.resources(BenchmarkRun.class).inNamespace(clusters.namespace()).withName("cmp-candidate")
                .edit(r -> {
                    Map<String, String> annotations = new java.util.HashMap<>();
                    if (r.getMetadata().getAnnotations() != null) {
                        annotations.putAll(r.getMetadata().getAnnotations());
                    }
                    annotations.put("mapbench.io/it-touch", "1");
                    r.getMetadata().setAnnotations(annotations);
                    return r;
                });
        BenchmarkRun orphanDone = awaitFinished(orphan); // gives the touched run time to be reconciled too
        assertThat(results(done).get(0).getMetadata().getResourceVersion()).isEqualTo(resultVersion);
        assertThat(hub.resource(done).get().getStatus().getComparison().getComparedResults()).isEqualTo(1);

        var noBaseline = condition(orphanDone, ConditionTypes.REGRESSED);
        assertThat(noBaseline.getStatus()).isEqualTo(ConditionStatus.Unknown);
        assertThat(noBaseline.getReason()).isEqualTo("NoBaseline");
        assertThat(noBaseline.getMessage()).startsWith("spec.baseline: run no-such-run has no result to compare with for "
                + cloud + "/1.26");
        assertThat(orphanDone.getStatus().getComparison().getComparedResults()).isZero();
        assertThat(results(orphanDone).get(0).getSpec().getComparison()).isNull();
    }

    private static BenchmarkRun sixSamples(BenchmarkRun r) {
        r.getSpec().setRepetitions(6);
        return r;
    }

    private static BenchmarkRun withBaseline(BenchmarkRun r, String runName) {
        BaselineSpec baseline = new BaselineSpec();
        baseline.setRunName(runName);
        r.getSpec().setBaseline(baseline);
        return r;
    }

    private static io.mapbench.operator.api.v1alpha1.Condition condition(BenchmarkRun run, String type) {
        return run.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + describe(run)));
    }

    private static BenchmarkRun failingFast(String name, boolean keepFailed) {
        BenchmarkRun r = run(name, List.of("1.26"), List.of(cloud));
        r.getSpec().setTimeout("1s");
        r.getSpec().setBenchtime("2s");
        CleanupSpec cleanup = new CleanupSpec();
        cleanup.setTtlAfterFinished("0s");
        cleanup.setKeepFailed(keepFailed);
        r.getSpec().setCleanup(cleanup);
        return r;
    }

    private static List<io.fabric8.kubernetes.api.model.batch.v1.Job> remoteJobs(KubernetesClient member, BenchmarkRun run) {
        return member.batch().v1().jobs().inNamespace(clusters.namespace())
                .withLabel("mapbench.io/run-uid", run.getMetadata().getUid()).list().getItems();
    }

    /** deploy/local/clusters with arguments; its standard output. */
    static String clustersTool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(clusters.repoRoot().resolve("deploy/local/clusters").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("clusters " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------ helpers

    static BenchmarkRun run(String name, List<String> goVersions, List<String> onlyClusters) {
        BenchmarkRun run = new BenchmarkRun();
        run.getMetadata().setName(name);
        run.getMetadata().setNamespace(clusters.namespace());
        run.getMetadata().setAnnotations(new java.util.HashMap<>());
        BenchmarkRunSpec spec = new BenchmarkRunSpec();
        spec.setSuite(Suite.SMOKE);
        spec.setGoVersions(goVersions);
        spec.setRepetitions(3);
        PlacementSpec placement = new PlacementSpec();
        placement.setClusters(onlyClusters != null ? onlyClusters : List.of(cloud, edge));
        spec.setPlacement(placement);
        ResourcesSpec resources = new ResourcesSpec();
        ComputeResources r = new ComputeResources();
        r.setCpu(new Quantity("1"));
        r.setMemory(new Quantity("512Mi"));
        resources.setRequests(r);
        resources.setLimits(r);
        spec.setResources(resources);
        spec.setTimeout("5m");
        run.setSpec(spec);
        return run;
    }

    static BenchmarkRun awaitFinished(BenchmarkRun run) {
        return await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofSeconds(2)).until(
                () -> clusters.hub().resources(BenchmarkRun.class).inNamespace(clusters.namespace())
                        .withName(run.getMetadata().getName()).get(),
                r -> r.getStatus() != null && r.getStatus().getPhase() != null && r.getStatus().getPhase().isFinished());
    }

    static List<BenchmarkResult> results(BenchmarkRun run) {
        return clusters.hub().resources(BenchmarkResult.class).inNamespace(clusters.namespace()).list().getItems()
                .stream().filter(r -> run.getMetadata().getUid().equals(r.getSpec().getRunUid())).toList();
    }

    static Map<String, String> jobUids(BenchmarkRun run) {
        return run.getStatus().getJobs().stream()
                .collect(Collectors.toMap(j -> j.getCluster() + "/" + j.getGoVersion(), JobStatus::getJobUid));
    }

    /** Per remote Job of the run: its UID and generation (a re-created or re-specified Job changes them). */
    static Map<String, String> remoteJobGenerations(BenchmarkRun run) {
        Map<String, String> versions = new java.util.TreeMap<>();
        for (String m : List.of(CLOUD, EDGE)) {
            clusters.client(m).batch().v1().jobs().inNamespace(clusters.namespace())
                    .withLabel("mapbench.io/run-uid", run.getMetadata().getUid()).list().getItems()
                    .forEach(j -> versions.put(m + "/" + j.getMetadata().getName(),
                            j.getMetadata().getUid() + "@" + j.getMetadata().getGeneration()));
        }
        return versions;
    }

    static String describe(BenchmarkRun run) {
        return "run " + run.getMetadata().getName() + " status " + clusters.hub().getKubernetesSerialization().asJson(run.getStatus());
    }

    private List<io.fabric8.kubernetes.api.model.Event> events(BenchmarkRun run) {
        return clusters.hub().v1().events().inNamespace(clusters.namespace()).list().getItems().stream()
                .filter(e -> run.getMetadata().getUid().equals(e.getInvolvedObject().getUid())).toList();
    }

    /** The value of the one series of {@code metric} whose labels include {@code labels}. */
    static Double scrape(String text, String metric, Map<String, String> labels) {
        Pattern line = Pattern.compile("^" + metric + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        while (m.find()) {
            Set<String> have = Set.of(m.group(1).split(",(?=[a-z_]+=\")"));
            boolean all = labels.entrySet().stream().allMatch(e -> have.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return null;
    }
}
