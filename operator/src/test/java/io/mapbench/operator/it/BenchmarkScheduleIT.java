package io.mapbench.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkSchedule;
import io.mapbench.operator.api.v1alpha1.BenchmarkScheduleSpec;
import io.mapbench.operator.api.v1alpha1.ComputeResources;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.MatrixSpec;
import io.mapbench.operator.api.v1alpha1.PlacementSpec;
import io.mapbench.operator.api.v1alpha1.RegressionSpec;
import io.mapbench.operator.api.v1alpha1.ResourcesSpec;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.api.v1alpha1.RunTemplate;
import io.mapbench.operator.api.v1alpha1.Suite;
import io.mapbench.operator.schedule.ScheduledRunNames;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;

/**
 * Issue 12 on the real local clusters with the real operator jar and a real Prometheus: a schedule
 * ticking every minute creates runs under deterministic names, owned by it, each compared with the
 * schedule's previous run; an unchanged re-run does not regress; a run slowed by a benchtime change
 * (one cold iteration per sample) sets Regressed=True on the run and the schedule and fires
 * MapbenchBenchmarkRegressed on the real Prometheus;
 * run-now with the same token twice makes one run; an operator killed with SIGKILL and restarted
 * creates no second run for a tick; history limits delete runs but keep their results.
 */
@LocalClustersTest
class BenchmarkScheduleIT {
    static final String CLOUD = "cloud-1";
    static final String SCHEDULE = "every-minute";

    static TestClusters clusters;
    static OperatorProcess operator;
    static PrometheusProcess prometheus;
    static String cloud;

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
        String label = "mapbench.io/it=" + ns;
        cloud = ns + "-cloud";
        Onboarding.onboard(c.repoRoot(), Onboarding.kubectl(c.repoRoot()), cloud, "cloud", c.kubeconfig(CLOUD),
                c.kubeconfig("hub"), ns, ns, label);
        operator = new OperatorProcess(c.repoRoot(), c.kubeconfig("hub"), ns, label,
                Map.of("mapbench.policy.enabled", "false", "mapbench.unreachable-deadline", "30s"));
        operator.start();
        prometheus = new PrometheusProcess(c.repoRoot(), Path.of(System.getProperty("user.dir"), "target", "it-prometheus-" + ns),
                List.of(operator.port()));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(operator.alive()).as("operator process (log %s)", operator.log()).isTrue();
            MemberCluster mc = hub.resources(MemberCluster.class).withName(cloud).get();
            assertThat(mc.getStatus()).isNotNull();
            assertThat(mc.getStatus().getConditions()).anyMatch(
                    cond -> ConditionTypes.READY.equals(cond.getType()) && cond.getStatus() == ConditionStatus.True);
        });
    }

    @AfterAll
    static void stopOperator() throws Exception {
        try {
            if (clusters != null) {
                KubernetesClient hub = clusters.hub();
                hub.resources(BenchmarkSchedule.class).inNamespace(clusters.namespace()).delete();
                hub.resources(BenchmarkRun.class).inNamespace(clusters.namespace()).delete();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        hub.resources(BenchmarkRun.class).inNamespace(clusters.namespace()).list().getItems().isEmpty());
                Onboarding.offboard(hub, clusters.client(CLOUD), cloud, clusters.namespace());
            }
        } finally {
            if (operator != null) {
                operator.close();
            }
            if (prometheus != null) {
                prometheus.close();
            }
        }
    }

    @Test
    void scheduleComparesEachRunWithThePreviousDetectsASlowdownAndNeverDuplicates() throws Exception {
        KubernetesClient hub = clusters.hub();
        String ns = clusters.namespace();
        BenchmarkSchedule created = hub.resource(schedule()).create();

        // Two ticks: the second run is compared with the first (same template, same machine: no regression).
        List<BenchmarkRun> first = awaitFinishedRuns(2);
        BenchmarkRun run1 = first.get(0);
        BenchmarkRun run2 = first.get(1);
        for (BenchmarkRun r : first) {
            Instant tick = Instant.parse(r.getMetadata().getAnnotations().get("mapbench.io/scheduled-time"));
            assertThat(r.getMetadata().getName()).isEqualTo(ScheduledRunNames.forTick(SCHEDULE, tick));
            assertThat(tick.getEpochSecond() % 60).as("a whole-minute tick").isZero();
            assertThat(r.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
                assertThat(o.getKind()).isEqualTo("BenchmarkSchedule");
                assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid());
            });
            assertThat(r.getSpec().getBaseline().getSchedule()).isEqualTo(SCHEDULE);
            assertThat(r.getStatus().getPhase()).as(describe(r)).isEqualTo(RunPhase.Succeeded);
            for (BenchmarkResult res : results(r)) {
                assertThat(res.getMetadata().getLabels()).containsEntry("mapbench.io/schedule", SCHEDULE);
                assertThat(res.getMetadata().getOwnerReferences()).singleElement()
                        .satisfies(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid()));
            }
        }
        assertThat(condition(run1, ConditionTypes.REGRESSED).getReason()).as("first run has no earlier result")
                .isEqualTo("NoBaseline");
        assertThat(run2.getStatus().getComparison()).as(describe(run2)).isNotNull();
        assertThat(run2.getStatus().getComparison().getBaselineRuns()).containsExactly(run1.getMetadata().getName());
        assertThat(condition(run2, ConditionTypes.REGRESSED).getStatus()).as("unchanged re-run: " + describe(run2))
                .isEqualTo(ConditionStatus.False);
        BenchmarkSchedule afterTwo = awaitSchedule(s -> run2.getMetadata().getName().equals(s.getStatus().getLastFinishedRun()));
        assertThat(afterTwo.getStatus().getLastComparison().getRun()).isEqualTo(run2.getMetadata().getName());
        assertThat(afterTwo.getStatus().getLastComparison().getBaselineRuns()).containsExactly(run1.getMetadata().getName());
        assertThat(condition(afterTwo, ConditionTypes.REGRESSED).getStatus()).isEqualTo(ConditionStatus.False);

        // Operator killed and restarted between ticks: the following ticks each get exactly one run.
        operator.kill9();
        operator.start();

        // The injected slowdown: the template's benchtime cut from 200ms to a single iteration per sample, so
        // each sample times one cold pass over the 8-entry map plus the timer's fixed cost: about 10x the
        // ns/op of 200 ms samples on this machine (mapbench run --sizes 8 --benchtime 1x). (CPU contention would not do: the
        // node agent enforces no CPU limits, deploy/local/agent/README.md, and the kernel's autogroups
        // shield the workload from busy threads of another session.) The first run with that template is
        // the slowed one; suspending the schedule then keeps it the schedule's newest result.
        patchSchedule("{\"spec\":{\"template\":{\"spec\":{\"benchtime\":\"1x\"}}}}");
        String slowName = await("a run of the slowed template").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> scheduledRuns().stream().filter(r -> "1x".equals(r.getSpec().getBenchtime()))
                        .map(r -> r.getMetadata().getName()).findFirst(), java.util.Optional::isPresent).orElseThrow();
        patchSchedule("{\"spec\":{\"suspend\":true,\"template\":{\"spec\":{\"benchtime\":\"200ms\"}}}}");
        BenchmarkRun slow = await("slowed run " + slowName + " finished").atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(3))
                .until(() -> hub.resources(BenchmarkRun.class).inNamespace(ns).withName(slowName).get(), r -> r != null && finished(r));
        List<BenchmarkRun> succeeded = scheduledRuns().stream()
                .filter(r -> r.getStatus() != null && r.getStatus().getPhase() == RunPhase.Succeeded).toList();
        BenchmarkRun beforeSlow = succeeded.get(succeeded.indexOf(succeeded.stream()
                .filter(r -> r.getMetadata().getName().equals(slow.getMetadata().getName())).findFirst().orElseThrow()) - 1);
        assertThat(slow.getStatus().getPhase()).as(describe(slow)).isEqualTo(RunPhase.Succeeded);
        assertThat(slow.getStatus().getComparison().getBaselineRuns()).as(describe(slow))
                .containsExactly(beforeSlow.getMetadata().getName());
        assertThat(condition(slow, ConditionTypes.REGRESSED).getStatus()).as("slowed run: " + describe(slow))
                .isEqualTo(ConditionStatus.True);
        assertThat(slow.getStatus().getComparison().getSlower()).as(describe(slow)).isPositive();
        BenchmarkSchedule regressed = awaitSchedule(s -> slow.getMetadata().getName().equals(s.getStatus().getLastFinishedRun()));
        assertThat(condition(regressed, ConditionTypes.REGRESSED).getStatus()).isEqualTo(ConditionStatus.True);

        // The alert fires on a real Prometheus scraping the operator, for this schedule on this cluster.
        await("MapbenchBenchmarkRegressed firing").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().untilAsserted(() -> assertThat(prometheus.alerts()).anySatisfy(alert -> {
                    assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("MapbenchBenchmarkRegressed");
                    assertThat(alert.path("state").asText()).isEqualTo("firing");
                    assertThat(alert.path("labels").path("schedule").asText()).isEqualTo(SCHEDULE);
                    assertThat(alert.path("labels").path("namespace").asText()).isEqualTo(ns);
                    assertThat(alert.path("labels").path("cluster").asText()).isEqualTo(cloud);
                }));

        // Run-now (the schedule is suspended; run-now still works): the same token twice is one run, also
        // after another annotation change reconciles the schedule. Back at 200ms it is not slower.
        patchSchedule("{\"metadata\":{\"annotations\":{\"mapbench.io/run-now\":\"token-1\"}}}");
        patchSchedule("{\"metadata\":{\"annotations\":{\"mapbench.io/it-touch\":\"1\"}}}");
        patchSchedule("{\"metadata\":{\"annotations\":{\"mapbench.io/run-now\":\"token-1\"}}}");
        String manual = ScheduledRunNames.forRunNow(SCHEDULE, "token-1");
        awaitSchedule(s -> "token-1".equals(s.getStatus().getLastRunNowToken()));
        BenchmarkRun rerun = await("run-now run finished").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(3))
                .until(() -> hub.resources(BenchmarkRun.class).inNamespace(ns).withName(manual).get(), r -> r != null && finished(r));
        assertThat(rerun.getStatus().getComparison().getBaselineRuns()).containsExactly(slow.getMetadata().getName());
        assertThat(condition(rerun, ConditionTypes.REGRESSED).getStatus()).as(describe(rerun)).isEqualTo(ConditionStatus.False);
        assertThat(scheduledRuns()).filteredOn(r -> r.getMetadata().getAnnotations().containsKey("mapbench.io/run-now"))
                .extracting(r -> r.getMetadata().getName()).containsExactly(manual);

        // No tick ever got two runs (names are per tick; no run lacks its tick), and the history
        // limit (2 succeeded) deleted the oldest runs while their results stay with the schedule.
        List<BenchmarkRun> runs = scheduledRuns();
        assertThat(runs).allSatisfy(r -> {
            if (tickOf(r) != null) {
                assertThat(r.getMetadata().getName()).isEqualTo(ScheduledRunNames.forTick(SCHEDULE, tickOf(r)));
            }
        });
        await("history limit").atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scheduledRuns())
                .filteredOn(r -> r.getStatus() != null && r.getStatus().getPhase() == RunPhase.Succeeded).hasSizeLessThanOrEqualTo(2));
        assertThat(hub.resources(BenchmarkRun.class).inNamespace(ns).withName(run1.getMetadata().getName()).get()).isNull();
        assertThat(hub.resources(BenchmarkResult.class).inNamespace(ns).withLabel("mapbench.io/schedule", SCHEDULE).list()
                .getItems()).extracting(r -> r.getSpec().getRun()).contains(run1.getMetadata().getName(),
                        run2.getMetadata().getName(), slow.getMetadata().getName(), manual);
        // Each run was created once, by one operator incarnation (the log holds both): the restarted
        // operator found a tick's run (a conflict on its deterministic name at most), never made a second.
        String log = Files.readString(operator.log());
        for (String name : List.of(run1.getMetadata().getName(), run2.getMetadata().getName(), slow.getMetadata().getName(), manual)) {
            assertThat(log.split("created run " + name + " for ", -1)).as(name).hasSize(2);
        }
        assertThat(runs.stream().map(BenchmarkScheduleIT::tickOf).filter(java.util.Objects::nonNull)).doesNotHaveDuplicates();
    }

    private static BenchmarkSchedule schedule() {
        BenchmarkSchedule s = new BenchmarkSchedule();
        s.getMetadata().setName(SCHEDULE);
        s.getMetadata().setNamespace(clusters.namespace());
        s.getMetadata().setAnnotations(new HashMap<>());
        BenchmarkScheduleSpec spec = new BenchmarkScheduleSpec();
        spec.setSchedule("* * * * *");
        spec.setStartingDeadlineSeconds(50L);
        spec.setSuccessfulRunsHistoryLimit(2);
        RegressionSpec regression = new RegressionSpec();
        // Above the noise of 200 ms samples on an idle machine (an unchanged re-run: 0 of 3 benchmarks slower).
        regression.setMinEffectPercent(60.0);
        spec.setRegression(regression);
        RunTemplate template = new RunTemplate();
        BenchmarkRunSpec run = new BenchmarkRunSpec();
        run.setSuite(Suite.SMOKE);
        // One scenario (three benchmarks) with steady 200 ms samples: a short run, decided comparisons.
        run.setScenarios(List.of("range-kv-vs-keys"));
        // An 8-entry map: a pass takes tens of nanoseconds, so a sample of one pass (the slowdown below) is
        // dominated by the timer's fixed cost and cold caches.
        MatrixSpec matrix = new MatrixSpec();
        matrix.setSizes(List.of(8L));
        run.setMatrix(matrix);
        run.setBenchtime("200ms");
        run.setGoVersions(List.of("1.26"));
        run.setRepetitions(6);
        PlacementSpec placement = new PlacementSpec();
        placement.setClusters(List.of(cloud));
        run.setPlacement(placement);
        run.setResources(resources("1"));
        run.setTimeout("6m");
        template.setSpec(run);
        spec.setTemplate(template);
        s.setSpec(spec);
        return s;
    }

    private static ResourcesSpec resources(String cpuLimit) {
        ResourcesSpec resources = new ResourcesSpec();
        ComputeResources requests = new ComputeResources();
        requests.setCpu(new Quantity(cpuLimit));
        requests.setMemory(new Quantity("512Mi"));
        resources.setRequests(requests);
        resources.setLimits(requests);
        return resources;
    }

    /** A JSON merge patch: no resourceVersion, so it never conflicts with the operator's own writes. */
    private static void patchSchedule(String mergePatch) {
        clusters.hub().resources(BenchmarkSchedule.class).inNamespace(clusters.namespace()).withName(SCHEDULE)
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    private static Instant tickOf(BenchmarkRun r) {
        String tick = r.getMetadata().getAnnotations() == null ? null : r.getMetadata().getAnnotations().get("mapbench.io/scheduled-time");
        return tick == null ? null : Instant.parse(tick);
    }

    private static List<BenchmarkRun> scheduledRuns() {
        return clusters.hub().resources(BenchmarkRun.class).inNamespace(clusters.namespace())
                .withLabel("mapbench.io/schedule", SCHEDULE).list().getItems().stream()
                .sorted(Comparator.comparing(r -> r.getMetadata().getCreationTimestamp())).toList();
    }

    private static boolean finished(BenchmarkRun r) {
        return r.getStatus() != null && r.getStatus().getPhase() != null && r.getStatus().getPhase().isFinished();
    }

    private static List<BenchmarkRun> awaitFinishedRuns(int n) {
        return await("%d finished runs of the schedule".formatted(n)).atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(3))
                .until(() -> scheduledRuns().stream().filter(BenchmarkScheduleIT::finished).toList(), l -> l.size() >= n)
                .subList(0, n);
    }

    private static BenchmarkSchedule awaitSchedule(java.util.function.Predicate<BenchmarkSchedule> done) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(
                () -> clusters.hub().resources(BenchmarkSchedule.class).inNamespace(clusters.namespace()).withName(SCHEDULE).get(),
                s -> s.getStatus() != null && done.test(s));
    }

    private static List<BenchmarkResult> results(BenchmarkRun run) {
        return clusters.hub().resources(BenchmarkResult.class).inNamespace(clusters.namespace()).list().getItems()
                .stream().filter(r -> run.getMetadata().getUid().equals(r.getSpec().getRunUid())).toList();
    }

    private static Condition condition(BenchmarkRun run, String type) {
        return run.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + describe(run)));
    }

    private static Condition condition(BenchmarkSchedule s, String type) {
        return s.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in schedule status "
                        + clusters.hub().getKubernetesSerialization().asJson(s.getStatus())));
    }

    private static String describe(BenchmarkRun run) {
        return "run " + run.getMetadata().getName() + " status " + clusters.hub().getKubernetesSerialization().asJson(run.getStatus());
    }
}
