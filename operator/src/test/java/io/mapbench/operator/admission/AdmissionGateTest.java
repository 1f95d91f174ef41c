package io.mapbench.operator.admission;

import static io.mapbench.operator.testfixtures.RunFixtures.assigned;
import static io.mapbench.operator.testfixtures.RunFixtures.cluster;
import static io.mapbench.operator.testfixtures.RunFixtures.run;
import static io.mapbench.operator.testfixtures.RunFixtures.withPhase;
import static io.mapbench.operator.testfixtures.RunFixtures.withPlacement;
import static io.mapbench.operator.testfixtures.RunFixtures.withResources;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.config.GoVersionResolver;
import io.mapbench.operator.metrics.MapbenchMetrics;
import io.mapbench.operator.placement.PlacementOutcome;
import io.mapbench.operator.policy.LoadedPolicyStores;
import io.mapbench.operator.policy.PolicyStore;
import io.mapbench.operator.work.Catalog;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admission gate with the real compiled policy (policies/dist: maxActiveRunsPerNamespace 3,
 * edge clusters only for namespaces labelled mapbench.io/edge-allowed=true), the real catalog and
 * the supported Go versions; runs and clusters as the informer caches would hold them.
 */
class AdmissionGateTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final List<String> GO = List.of("1.21.13", "1.23.12", "1.26.8");
    private static final Map<String, Map<String, String>> NAMESPACES = Map.of(
            "team-a", Map.of("mapbench.io/edge-allowed", "true"),
            "team-b", Map.of("mapbench.io/edge-allowed", "true"),
            "no-edge", Map.of());

    private final MapbenchMetrics metrics = new MapbenchMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    private PolicyStore store = LoadedPolicyStores.withDistPolicy(metrics);

    @AfterEach
    void close() {
        store.close();
    }

    private AdmissionGate gate() {
        Catalog catalog = Catalog.bundled();
        return new AdmissionGate(new RunValidation(catalog, new GoVersionResolver(GO)), catalog, store,
                ns -> NAMESPACES.getOrDefault(ns, Map.of()), Duration.ofSeconds(60));
    }

    private static MemberCluster cloud(String name, int capacity) {
        return cluster(name, true, capacity, Map.of("mapbench.io/tier", "cloud"));
    }

    private static MemberCluster edge(String name, int capacity) {
        return cluster(name, true, capacity, Map.of("mapbench.io/tier", "edge"));
    }

    private static String at(int minute) {
        return NOW.minus(Duration.ofMinutes(60 - minute)).toString();
    }

    private static BenchmarkRun active(String ns, String name, int minute, String... clusters) {
        return assigned(fresh(ns, name, minute), RunPhase.Running, clusters);
    }

    /** A run the policy allows (the smoke suite with 1 CPU / 512Mi, requests = limits). */
    private static BenchmarkRun fresh(String ns, String name, int minute) {
        return withResources(run(ns, name, "uid-" + ns + "-" + name, at(minute)), "1", "512Mi");
    }

    private static String reason(Admission a) {
        return a instanceof Admission.Waiting w ? w.outcome().reason() : a.getClass().getSimpleName();
    }

    @Test
    void aNamespaceAtItsQuotaWaitsForQuotaItIsNotDenied() {
        List<MemberCluster> clusters = List.of(cloud("cloud-1", 10));
        List<BenchmarkRun> runs = new ArrayList<>(List.of(active("team-a", "a1", 1, "cloud-1"),
                active("team-a", "a2", 2, "cloud-1"), active("team-a", "a3", 3, "cloud-1")));
        BenchmarkRun fourth = fresh("team-a", "a4", 4);
        runs.add(fourth);

        Admission decision = gate().decide(fourth, runs, clusters, NOW);

        assertThat(decision).isInstanceOf(Admission.Waiting.class);
        PlacementOutcome waiting = ((Admission.Waiting) decision).outcome();
        assertThat(waiting.reason()).isEqualTo("WaitingForQuota");
        assertThat(waiting.message()).contains("namespace team-a already has 3 active runs and allows 3");
    }

    @Test
    void runsDecidedBeforeTheCacheShowsEachOtherNeverExceedTheQuota() {
        // Two active runs: one unit of quota left. Three new runs are decided from the same cache
        // snapshot, as when they are reconciled together: only the oldest may be admitted.
        List<MemberCluster> clusters = List.of(cloud("cloud-1", 10));
        List<BenchmarkRun> runs = List.of(active("team-a", "a1", 1, "cloud-1"), active("team-a", "a2", 2, "cloud-1"),
                fresh("team-a", "x", 3), fresh("team-a", "y", 4), fresh("team-a", "z", 5));
        AdmissionGate gate = gate();
        assertThat(reason(gate.decide(runs.get(4), runs, clusters, NOW))).isEqualTo("WaitingForQuota");
        assertThat(reason(gate.decide(runs.get(2), runs, clusters, NOW))).isEqualTo("Admitted");
        assertThat(reason(gate.decide(runs.get(3), runs, clusters, NOW))).isEqualTo("WaitingForQuota");
        assertThat(gate.reservationCount()).isEqualTo(1);
    }

    @Test
    void parallelDecisionsAdmitExactlyWhatTheQuotaAllows() throws Exception {
        List<MemberCluster> clusters = List.of(cloud("cloud-1", 100));
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(fresh("team-a", "r" + i, i)); // all created in the same minute range, none admitted yet
        }
        AdmissionGate gate = gate();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Admission>> decisions = new ArrayList<>();
        List<BenchmarkRun> shuffled = new ArrayList<>(runs);
        Collections.shuffle(shuffled, new java.util.Random(7));
        for (BenchmarkRun r : shuffled) {
            decisions.add(pool.submit(() -> {
                start.await();
                return gate.decide(r, runs, clusters, NOW);
            }));
        }
        start.countDown();
        List<String> admitted = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); i++) {
            if (decisions.get(i).get() instanceof Admission.Admitted) {
                admitted.add(shuffled.get(i).getMetadata().getName());
            }
        }
        // A younger run decided before an older admissible one waits for it (creation order); the
        // admission written wakes the queue: decide the waiting ones again until nothing changes.
        for (int round = 0; round < runs.size() && gate.takeDeferred(); round++) {
            for (BenchmarkRun r : runs) {
                if (!admitted.contains(r.getMetadata().getName()) && gate.decide(r, runs, clusters, NOW) instanceof Admission.Admitted) {
                    admitted.add(r.getMetadata().getName());
                }
            }
        }
        pool.shutdown();
        assertThat(admitted).as("maxActiveRunsPerNamespace is 3: the three oldest").containsExactlyInAnyOrder("r0", "r1", "r2");
    }

    @Test
    void aYoungerRunWithRoomWaitsUntilTheOlderRunThatCanGoIsAdmitted() {
        // Two slots free up at once (e.g. two runs ended together) and both waiting runs fit; the
        // younger one's reconcile comes first. It must not be admitted before the older one.
        List<MemberCluster> clusters = List.of(cloud("cloud-1", 10));
        BenchmarkRun older = fresh("team-a", "zz-older", 10);
        BenchmarkRun younger = fresh("team-a", "aa-younger", 11);
        List<BenchmarkRun> runs = List.of(older, younger);
        AdmissionGate gate = gate();

        Admission first = gate.decide(younger, runs, clusters, NOW);
        assertThat(first).as("deferred, not a status of its own: nothing is written for it")
                .isEqualTo(new Admission.Deferred(List.of("team-a/zz-older")));
        assertThat(gate.takeDeferred()).as("the next admission must wake the queue").isTrue();

        assertThat(reason(gate.decide(older, runs, clusters, NOW))).isEqualTo("Admitted");
        assertThat(reason(gate.decide(younger, runs, clusters, NOW))).as("right after the older one").isEqualTo("Admitted");
        assertThat(gate.takeDeferred()).isFalse();
    }

    @Test
    void quotaWaitersAreAdmittedInCreationOrderWhenARunEnds() {
        List<MemberCluster> clusters = List.of(cloud("cloud-1", 10));
        BenchmarkRun older = fresh("team-a", "zz-older", 10);
        BenchmarkRun younger = fresh("team-a", "aa-younger", 11);
        BenchmarkRun finishing = active("team-a", "a1", 1, "cloud-1");
        List<BenchmarkRun> runs = new ArrayList<>(List.of(finishing, active("team-a", "a2", 2, "cloud-1"),
                active("team-a", "a3", 3, "cloud-1"), older, younger));
        assertThat(reason(gate().decide(older, runs, clusters, NOW))).isEqualTo("WaitingForQuota");

        runs.set(0, withPhase(finishing, RunPhase.Succeeded)); // one unit of quota frees up
        AdmissionGate gate = gate();
        assertThat(reason(gate.decide(younger, runs, clusters, NOW))).as("the older waiter goes first")
                .isEqualTo("WaitingForQuota");
        assertThat(reason(gate.decide(older, runs, clusters, NOW))).isEqualTo("Admitted");
    }

    @Test
    void aQuotaBlockedRunDoesNotHoldAnotherNamespacesSlot() {
        List<MemberCluster> clusters = List.of(cloud("cloud-1", 4));
        List<BenchmarkRun> runs = List.of(active("team-a", "a1", 1, "cloud-1"), active("team-a", "a2", 2, "cloud-1"),
                active("team-a", "a3", 3, "cloud-1"), fresh("team-a", "a4", 4), fresh("team-b", "b1", 5));
        assertThat(reason(gate().decide(runs.get(4), runs, clusters, NOW)))
                .as("a4 cannot go (its namespace is full), so the last slot is b1's").isEqualTo("Admitted");
    }

    @Test
    void anInvalidRunHoldsNoCapacityAndBlocksNobody() {
        List<MemberCluster> clusters = List.of(edge("edge-k3s-1", 1));
        BenchmarkRun unsupported = fresh("team-a", "old-go", 1);
        unsupported.getSpec().setGoVersions(List.of("1.99"));
        BenchmarkRun valid = fresh("team-a", "valid", 2);
        List<BenchmarkRun> runs = List.of(unsupported, valid);

        Admission invalid = gate().decide(unsupported, runs, clusters, NOW);
        assertThat(invalid).isInstanceOf(Admission.Invalid.class);
        assertThat(((Admission.Invalid) invalid).message()).startsWith("spec.goVersions[0]: '1.99' is not supported");
        assertThat(reason(gate().decide(valid, runs, clusters, NOW))).isEqualTo("Admitted");
    }

    @Test
    void invalidWorkIsRejectedNamingTheField() {
        BenchmarkRun r = fresh("team-a", "typo", 1);
        r.getSpec().setScenarios(List.of("no-such-scenario"));
        Admission a = gate().decide(r, List.of(r), List.of(cloud("cloud-1", 1)), NOW);
        assertThat(a).isInstanceOf(Admission.Invalid.class);
        assertThat(((Admission.Invalid) a).message()).contains("spec.scenarios[0]: unknown scenario \"no-such-scenario\"");
    }

    @Test
    void aRunThePolicyDeniesIsToldAtOnceEvenWhileEveryClusterIsFull() {
        List<MemberCluster> clusters = List.of(edge("edge-k3s-1", 1));
        BenchmarkRun holder = active("team-a", "holder", 1, "edge-k3s-1");
        BenchmarkRun notAllowed = withPlacement(fresh("no-edge", "edge-run", 2),
                new LabelSelectorBuilder().addToMatchLabels("mapbench.io/tier", "edge").build(), null, null);
        Admission a = gate().decide(notAllowed, List.of(holder, notAllowed), clusters, NOW);
        assertThat(a).isInstanceOf(Admission.Denied.class);
        assertThat(((Admission.Denied) a).violations()).extracting(v -> v.rule()).contains("edge-namespace");
    }

    @Test
    void aFullClusterIsAWaitForCapacity() {
        List<MemberCluster> clusters = List.of(cloud("cloud-1", 1));
        BenchmarkRun holder = active("team-b", "holder", 1, "cloud-1");
        BenchmarkRun next = fresh("team-a", "next", 2);
        assertThat(reason(gate().decide(next, List.of(holder, next), clusters, NOW))).isEqualTo("WaitingForCapacity");
    }

    @Test
    void withoutAPolicyNothingIsAdmitted() {
        store.close();
        store = LoadedPolicyStores.withoutPolicy(metrics);
        BenchmarkRun r = fresh("team-a", "r", 1);
        assertThat(gate().decide(r, List.of(r), List.of(cloud("cloud-1", 1)), NOW)).isInstanceOf(Admission.Unavailable.class);
    }

    @Test
    void aReleasedReservationFreesItsSlot() {
        List<MemberCluster> clusters = List.of(cloud("cloud-1", 1));
        BenchmarkRun first = fresh("team-a", "first", 1);
        BenchmarkRun second = fresh("team-b", "second", 2);
        List<BenchmarkRun> runs = List.of(first, second);
        AdmissionGate gate = gate();
        assertThat(reason(gate.decide(first, runs, clusters, NOW))).isEqualTo("Admitted");
        // first's status write failed and it was deleted meanwhile: its slot must not stay taken.
        gate.release(first.getMetadata().getUid());
        assertThat(reason(gate.decide(second, List.of(second), clusters, NOW))).isEqualTo("Admitted");
    }

    @Test
    void aMalformedSelectorIsAnInvalidSpecNamingTheField() {
        BenchmarkRun r = withPlacement(fresh("team-a", "bad-selector", 1), new LabelSelectorBuilder().addNewMatchExpression()
                .withKey("tier").withOperator("Equals").withValues("edge").endMatchExpression().build(), null, null);
        Admission a = gate().decide(r, List.of(r), List.of(cloud("cloud-1", 1)), NOW);
        assertThat(a).isInstanceOf(Admission.Invalid.class);
        assertThat(((Admission.Invalid) a).message()).startsWith("spec.placement.clusterSelector.matchExpressions[0].operator");
    }

    @Test
    void aMalformedLabelKeyOrValueIsAnInvalidSpecEvenBesideNamedClusters() {
        BenchmarkRun badKey = withPlacement(fresh("team-a", "bad-key", 1), new LabelSelectorBuilder()
                .addToMatchLabels("bad key!", "v").build(), List.of("cloud-1"), null);
        Admission a = gate().decide(badKey, List.of(badKey), List.of(cloud("cloud-1", 1)), NOW);
        assertThat(a).as("not waiting for a cluster no label can match").isInstanceOf(Admission.Invalid.class);
        assertThat(((Admission.Invalid) a).message()).startsWith("spec.placement.clusterSelector.matchLabels: \"bad key!\"");

        BenchmarkRun badValue = withPlacement(fresh("team-a", "bad-value", 2), new LabelSelectorBuilder().addNewMatchExpression()
                .withKey("tier").withOperator("In").withValues("bad value!").endMatchExpression().build(), null, null);
        Admission b = gate().decide(badValue, List.of(badValue), List.of(cloud("cloud-1", 1)), NOW);
        assertThat(b).isInstanceOf(Admission.Invalid.class);
        assertThat(((Admission.Invalid) b).message()).startsWith("spec.placement.clusterSelector.matchExpressions[0].values[0]");
    }

    // ---- re-dispatch (spec.placement.failover) -------------------------------------------------

    private static BenchmarkRun lostOn(String ns, String name, int minute, Map<String, String> selector, String cluster) {
        BenchmarkRun r = withPlacement(fresh(ns, name, minute), new LabelSelectorBuilder().addToMatchLabels(selector).build(),
                null, 1);
        io.mapbench.operator.api.v1alpha1.FailoverSpec f = new io.mapbench.operator.api.v1alpha1.FailoverSpec();
        f.setAfter("5m");
        r.getSpec().getPlacement().setFailover(f);
        return assigned(r, RunPhase.Running, cluster);
    }

    @Test
    void lostJobsMoveToTheFirstMatchingClusterWithRoomAndTheMoveHoldsItsSlot() {
        MemberCluster lost = cluster("cloud-1", false, 1, Map.of("mapbench.io/tier", "cloud"));
        List<MemberCluster> clusters = List.of(lost, cloud("cloud-2", 1), cloud("cloud-3", 1), edge("edge-1", 5));
        BenchmarkRun run = lostOn("team-a", "moving", 1, Map.of("mapbench.io/tier", "cloud"), "cloud-1");
        BenchmarkRun holder = active("team-b", "holder", 2, "cloud-2");
        BenchmarkRun younger = withPlacement(fresh("team-b", "younger", 3),
                new LabelSelectorBuilder().addToMatchLabels("mapbench.io/tier", "cloud").build(), null, null);
        List<BenchmarkRun> runs = List.of(run, holder, younger);
        AdmissionGate gate = gate();

        Redispatch answer = gate.redispatch(run, List.of("cloud-1"), "cloud-1", java.util.Set.of("cloud-1"), runs,
                clusters, NOW);

        assertThat(answer).isEqualTo(new Redispatch.Target("cloud-3"));
        assertThat(gate.reservationCount()).as("held until the cache shows the new assignment").isEqualTo(1);
        assertThat(reason(gate.decide(younger, runs, clusters, NOW))).as("cloud-3's slot is taken by the move")
                .isEqualTo("WaitingForCapacity");
    }

    @Test
    void aMoveWaitsWhileEveryCandidateIsFullOrTakenByAnOlderWaitingRun() {
        List<MemberCluster> clusters = List.of(cluster("cloud-1", false, 1, Map.of("mapbench.io/tier", "cloud")),
                cloud("cloud-2", 1));
        BenchmarkRun older = withPlacement(fresh("team-b", "older", 0),
                new LabelSelectorBuilder().addToMatchLabels("mapbench.io/tier", "cloud").build(), null, null);
        BenchmarkRun run = lostOn("team-a", "moving", 1, Map.of("mapbench.io/tier", "cloud"), "cloud-1");

        Redispatch answer = gate().redispatch(run, List.of("cloud-1"), "cloud-1", java.util.Set.of("cloud-1"),
                List.of(older, run), clusters, NOW);

        assertThat(answer).isInstanceOf(Redispatch.Wait.class);
        assertThat(((Redispatch.Wait) answer).message()).contains("cloud-2 (1/1 runs)");
    }

    @Test
    void thePolicyJudgesTheMoveAndNoAllowedClusterLeavesTheJobsLost() {
        // Namespace no-edge may not use edge clusters: the only other cluster is one.
        List<MemberCluster> clusters = List.of(cluster("cloud-1", false, 1, Map.of("mapbench.io/tier", "cloud")),
                edge("edge-1", 5));
        BenchmarkRun run = lostOn("no-edge", "moving", 1, Map.of(), "cloud-1");

        Redispatch answer = gate().redispatch(run, List.of("cloud-1"), "cloud-1", java.util.Set.of("cloud-1"),
                List.of(run), clusters, NOW);

        assertThat(answer).isInstanceOf(Redispatch.Impossible.class);
        assertThat(((Redispatch.Impossible) answer).message()).contains("no other MemberCluster matches")
                .contains("does not allow edge-1 (edge-namespace");
    }
}
