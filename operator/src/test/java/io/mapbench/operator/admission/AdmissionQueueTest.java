package io.mapbench.operator.admission;

import static io.mapbench.operator.testfixtures.RunFixtures.assigned;
import static io.mapbench.operator.testfixtures.RunFixtures.cloud;
import static io.mapbench.operator.testfixtures.RunFixtures.cluster;
import static io.mapbench.operator.testfixtures.RunFixtures.edge;
import static io.mapbench.operator.testfixtures.RunFixtures.run;
import static io.mapbench.operator.testfixtures.RunFixtures.withPhase;
import static io.mapbench.operator.testfixtures.RunFixtures.withPlacement;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.placement.Placement;
import io.mapbench.operator.placement.PlacementOutcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Placement through the admission queue's accounting: who holds slots, who goes first. The judge
 * here admits everything (policy cases are in {@link AdmissionGateTest}).
 */
class AdmissionQueueTest {
    private static final LabelSelector EDGE_TIER = new LabelSelectorBuilder().addToMatchLabels("mapbench.io/tier", "edge").build();
    private static final String T0 = "2026-11-25T08:00:00Z";
    private static final String T1 = "2026-11-25T08:01:00Z";
    private static final String T2 = "2026-11-25T08:02:00Z";

    @Test
    void noPlacementTakesEveryReadyClusterInNameOrder() {
        BenchmarkRun r = run("a", T0);
        PlacementOutcome out = propose(r, List.of(edge("edge-k3s-1"), cloud("cloud-1")), List.of(r));
        assertThat(out).isEqualTo(new PlacementOutcome.Assigned(List.of("cloud-1", "edge-k3s-1")));
        assertThat(out.reason()).isEqualTo("Assigned");
    }

    @Test
    void selectorPicksMatchingClusters() {
        BenchmarkRun r = withPlacement(run("a", T0), EDGE_TIER, null, null);
        assertThat(propose(r, List.of(cloud("cloud-1"), edge("edge-k3s-1")), List.of()))
                .isEqualTo(new PlacementOutcome.Assigned(List.of("edge-k3s-1")));
    }

    @Test
    void maxClustersLimitsTheAssignment() {
        BenchmarkRun r = withPlacement(run("a", T0), null, null, 1);
        assertThat(propose(r, List.of(cloud("cloud-2"), cloud("cloud-1")), List.of()))
                .isEqualTo(new PlacementOutcome.Assigned(List.of("cloud-1")));
    }

    @Test
    void notReadyClustersAreNotMatches() {
        BenchmarkRun r = withPlacement(run("a", T0), EDGE_TIER, null, null);
        MemberCluster down = cluster("edge-k3s-1", false, 1, Map.of("mapbench.io/tier", "edge"));
        PlacementOutcome out = propose(r, List.of(cloud("cloud-1"), down), List.of());
        assertThat(out).isInstanceOf(PlacementOutcome.NoMatch.class);
        assertThat(out.reason()).isEqualTo("NoMatchingCluster");
        assertThat(out.message()).isEqualTo("no Ready MemberCluster matches spec.placement.clusterSelector"
                + " {mapbench.io/tier=edge}: matching clusters are not Ready: edge-k3s-1");
    }

    @Test
    void selectorMatchingNothing() {
        BenchmarkRun r = withPlacement(run("a", T0), EDGE_TIER, null, null);
        PlacementOutcome out = propose(r, List.of(cloud("cloud-1")), List.of());
        assertThat(out).isEqualTo(new PlacementOutcome.NoMatch("NoMatchingCluster", "no Ready MemberCluster matches"
                + " spec.placement.clusterSelector {mapbench.io/tier=edge}: no MemberCluster has matching labels"));
    }

    @Test
    void namedClustersMustAllBeUsable() {
        BenchmarkRun r = withPlacement(run("a", T0), null, List.of("edge-k3s-1", "cloud-1"), null);
        assertThat(propose(r, List.of(cloud("cloud-1"), edge("edge-k3s-1"), cloud("cloud-2")), List.of()))
                .as("spec order is kept").isEqualTo(new PlacementOutcome.Assigned(List.of("edge-k3s-1", "cloud-1")));

        PlacementOutcome unknown = propose(r, List.of(cloud("cloud-1")), List.of());
        assertThat(unknown).isEqualTo(new PlacementOutcome.NoMatch("UnknownCluster",
                "spec.placement.clusters: no MemberCluster named edge-k3s-1 (known: cloud-1)"));

        MemberCluster down = cluster("edge-k3s-1", false, 1, Map.of());
        assertThat(propose(r, List.of(cloud("cloud-1"), down), List.of()).message())
                .isEqualTo("spec.placement.clusters: edge-k3s-1 not Ready; the run is placed when every named cluster is Ready");
    }

    @Test
    void namedClustersOutsideTheSelectorDoNotMatch() {
        BenchmarkRun r = withPlacement(run("a", T0), EDGE_TIER, List.of("cloud-1"), null);
        assertThat(propose(r, List.of(cloud("cloud-1")), List.of())).isEqualTo(new PlacementOutcome.NoMatch(
                "NoMatchingCluster", "spec.placement.clusters cloud-1 do not match spec.placement.clusterSelector {mapbench.io/tier=edge}"));
    }

    @Test
    void moreNamesThanMaxClusters() {
        BenchmarkRun r = withPlacement(run("a", T0), null, List.of("cloud-1", "cloud-2"), 1);
        assertThat(propose(r, List.of(cloud("cloud-1"), cloud("cloud-2")), List.of()).message())
                .isEqualTo("spec.placement.clusters names 2 clusters but spec.placement.maxClusters is 1:"
                        + " name at most 1 clusters or raise maxClusters");
    }

    @Test
    void runsHoldingAnAssignmentUseCapacity() {
        BenchmarkRun running = assigned(run("old", T0), RunPhase.Running, "cloud-1");
        BenchmarkRun r = run("new", T1);
        PlacementOutcome out = propose(r, List.of(cloud("cloud-1")), List.of(running, r));
        assertThat(out).isEqualTo(new PlacementOutcome.Waiting("WaitingForCapacity", "every matching Ready cluster is at its"
                + " maxConcurrentRuns: cloud-1 (1/1 runs); the run is placed when one of their runs finishes"));
    }

    @Test
    void finishedRunsFreeTheirCapacity() {
        BenchmarkRun done = assigned(run("old", T0), RunPhase.Succeeded, "cloud-1");
        BenchmarkRun r = run("new", T1);
        assertThat(propose(r, List.of(cloud("cloud-1")), List.of(done, r)))
                .isEqualTo(new PlacementOutcome.Assigned(List.of("cloud-1")));
    }

    @Test
    void capacityAboveOneAdmitsThatManyRuns() {
        MemberCluster big = cluster("cloud-1", true, 2, Map.of());
        BenchmarkRun one = assigned(run("one", T0), RunPhase.Running, "cloud-1");
        BenchmarkRun r = run("two", T1);
        assertThat(propose(r, List.of(big), List.of(one, r))).isInstanceOf(PlacementOutcome.Assigned.class);
        BenchmarkRun two = assigned(run("two", T1), RunPhase.Scheduled, "cloud-1");
        BenchmarkRun three = run("three", T2);
        assertThat(propose(three, List.of(big), List.of(one, two, three))).isInstanceOf(PlacementOutcome.Waiting.class);
    }

    @Test
    void olderWaitingRunsGetCapacityFirst() {
        BenchmarkRun older = run("zzz-older", T0);
        BenchmarkRun younger = run("aaa-younger", T1);
        List<MemberCluster> clusters = List.of(cloud("cloud-1"));
        List<BenchmarkRun> runs = List.of(younger, older);
        assertThat(propose(younger, clusters, runs)).isInstanceOf(PlacementOutcome.Waiting.class);
        assertThat(propose(older, clusters, runs)).isEqualTo(new PlacementOutcome.Assigned(List.of("cloud-1")));
    }

    @Test
    void sameCreationTimeOrdersByName() {
        BenchmarkRun b = run("b", T0);
        BenchmarkRun a = run("a", T0);
        List<BenchmarkRun> runs = List.of(b, a);
        assertThat(propose(a, List.of(cloud("cloud-1")), runs)).isInstanceOf(PlacementOutcome.Assigned.class);
        assertThat(propose(b, List.of(cloud("cloud-1")), runs)).isInstanceOf(PlacementOutcome.Waiting.class);
    }

    @Test
    void olderRunWaitingForAnotherClusterDoesNotBlock() {
        BenchmarkRun busy = assigned(run("busy", T0), RunPhase.Running, "edge-k3s-1");
        BenchmarkRun olderEdge = withPlacement(run("older-edge", T1), EDGE_TIER, null, null);
        BenchmarkRun youngerCloud = withPlacement(run("younger-cloud", T2), null, List.of("cloud-1"), null);
        List<BenchmarkRun> runs = List.of(busy, olderEdge, youngerCloud);
        List<MemberCluster> clusters = List.of(cloud("cloud-1"), edge("edge-k3s-1"));
        assertThat(propose(olderEdge, clusters, runs)).isInstanceOf(PlacementOutcome.Waiting.class);
        assertThat(propose(youngerCloud, clusters, runs)).isEqualTo(new PlacementOutcome.Assigned(List.of("cloud-1")));
    }

    @Test
    void deniedRunsHoldNoCapacity() {
        BenchmarkRun denied = withPhase(run("denied", T0), RunPhase.Denied);
        BenchmarkRun r = run("r", T1);
        assertThat(propose(r, List.of(cloud("cloud-1")), List.of(denied, r))).isInstanceOf(PlacementOutcome.Assigned.class);
    }

    @Test
    void listOrderDoesNotChangeTheAnswer() {
        List<MemberCluster> clusters = new ArrayList<>(List.of(cloud("c"), cloud("a"), edge("b"), cloud("d")));
        List<BenchmarkRun> runs = new ArrayList<>(List.of(one(run("r1", T0)), one(run("r2", T1)), one(run("r3", T2)),
                assigned(run("r0", T0), RunPhase.Running, "a")));
        BenchmarkRun target = runs.get(2);
        PlacementOutcome first = propose(target, clusters, runs);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(clusters, new java.util.Random(i));
            Collections.shuffle(runs, new java.util.Random(i + 100));
            assertThat(propose(target, clusters, runs)).isEqualTo(first);
        }
        // r0 holds a; r1 takes b, r2 takes c, so r3 gets d.
        assertThat(first).isEqualTo(new PlacementOutcome.Assigned(List.of("d")));
    }

    @Test
    void withoutMaxClustersARunTakesEveryFreeCluster() {
        BenchmarkRun greedy = run("greedy", T0);
        BenchmarkRun next = run("next", T1);
        List<MemberCluster> clusters = List.of(cloud("a"), cloud("b"));
        assertThat(propose(greedy, clusters, List.of(greedy, next))).isEqualTo(new PlacementOutcome.Assigned(List.of("a", "b")));
        assertThat(propose(next, clusters, List.of(greedy, next))).isInstanceOf(PlacementOutcome.Waiting.class);
    }

    /** The queue's standing for {@code run}, then placement with it (what the gate does before asking the policy). */
    static PlacementOutcome propose(BenchmarkRun run, List<MemberCluster> clusters, List<BenchmarkRun> runs) {
        if (!Placement.assignedClusters(run).isEmpty()) {
            return new PlacementOutcome.Assigned(Placement.assignedClusters(run));
        }
        AdmissionQueue queue = new AdmissionQueue(r -> true, (r, c, active) -> new Judgement.Allow("test"));
        return Placement.propose(run, clusters, queue.standing(run, clusters, runs, Map.of()).usedSlots());
    }

    private static BenchmarkRun one(BenchmarkRun r) {
        return withPlacement(r, null, null, 1);
    }

    @Test
    void malformedSelectorIsAnInvalidSpecNotAnException() {
        LabelSelector bad = new LabelSelectorBuilder().addNewMatchExpression().withKey("tier").withOperator("Equals")
                .withValues("edge").endMatchExpression().build();
        BenchmarkRun r = withPlacement(run("a", T0), bad, null, null);
        BenchmarkRun younger = run("b", T1);
        assertThat(propose(r, List.of(cloud("cloud-1")), List.of(r, younger))).isEqualTo(new PlacementOutcome.NoMatch("InvalidSpec",
                "spec.placement.clusterSelector.matchExpressions[0].operator: \"Equals\" is not valid (allowed: In, NotIn, Exists, DoesNotExist)"));
        assertThat(propose(younger, List.of(cloud("cloud-1")), List.of(r, younger)))
                .as("the older malformed run holds no capacity").isInstanceOf(PlacementOutcome.Assigned.class);
    }

    // ---- the queue's own rules, with a fake policy that caps every namespace at two active runs

    private static final AdmissionQueue.Judge TWO_PER_NAMESPACE = (r, clusters, active) ->
            active >= 2 ? new Judgement.WaitForQuota("namespace full") : new Judgement.Allow("rev");

    private static BenchmarkRun in(String ns, BenchmarkRun r) {
        r.getMetadata().setNamespace(ns);
        r.getMetadata().setUid("uid-" + ns + "-" + r.getMetadata().getName());
        return r;
    }

    @Test
    void aReservationHoldsItsSlotsAndQuotaUntilTheCacheShowsTheAssignment() {
        BenchmarkRun reserved = run("reserved", T0);
        BenchmarkRun next = run("next", T1);
        AdmissionQueue queue = new AdmissionQueue(r -> true, TWO_PER_NAMESPACE);
        AdmissionQueue.Standing standing = queue.standing(next, List.of(cloud("cloud-1")), List.of(reserved, next),
                Map.of("uid-reserved", List.of("cloud-1")));
        assertThat(standing.usedSlots()).containsEntry("cloud-1", 1);
        assertThat(standing.activeInNamespace()).isEqualTo(1);
    }

    @Test
    void anOlderInvalidRunIsSkipped() {
        BenchmarkRun invalid = run("invalid", T0);
        BenchmarkRun valid = run("valid", T1);
        AdmissionQueue queue = new AdmissionQueue(r -> r != invalid, TWO_PER_NAMESPACE);
        assertThat(queue.standing(valid, List.of(cloud("cloud-1")), List.of(invalid, valid), Map.of()).usedSlots())
                .as("an invalid run can never be placed, so it takes nothing").isEmpty();
    }

    @Test
    void olderRunsOfAFullNamespaceTakeNoSlotFromAnotherNamespace() {
        MemberCluster big = cluster("cloud-1", true, 3, Map.of());
        List<BenchmarkRun> runs = List.of(
                in("a", assigned(run("a1", T0), RunPhase.Running, "cloud-1")),
                in("a", assigned(run("a2", T0), RunPhase.Running, "cloud-1")),
                in("a", run("a3-waiting", T1)), in("b", run("b1", T2)));
        AdmissionQueue queue = new AdmissionQueue(r -> true, TWO_PER_NAMESPACE);
        AdmissionQueue.Standing b = queue.standing(runs.get(3), List.of(big), runs, Map.of());
        assertThat(b.usedSlots()).as("a3 waits for its namespace's quota: it holds no slot").containsEntry("cloud-1", 2);
        assertThat(b.activeInNamespace()).isZero();
        AdmissionQueue.Standing a3 = queue.standing(runs.get(2), List.of(big), runs, Map.of());
        assertThat(a3.activeInNamespace()).isEqualTo(2);
    }

    @Test
    void olderWaitingRunsOfTheSameNamespaceCountAgainstItsQuota() {
        List<BenchmarkRun> runs = List.of(in("a", run("first", T0)), in("a", run("second", T1)), in("a", run("third", T2)));
        MemberCluster big = cluster("cloud-1", true, 10, Map.of());
        AdmissionQueue queue = new AdmissionQueue(r -> true, TWO_PER_NAMESPACE);
        assertThat(queue.standing(runs.get(2), List.of(big), runs, Map.of()).activeInNamespace())
                .as("first and second go before third").isEqualTo(2);
    }

    @Test
    void deniedRunsWaitAgainOnlyWhenTheirSpecChanged() {
        BenchmarkRun denied = withPhase(run("denied", T0), RunPhase.Denied);
        assertThat(AdmissionQueue.isWaiting(denied)).isFalse();
        denied.getMetadata().setGeneration(2L);
        assertThat(AdmissionQueue.isWaiting(denied)).as("edited after the denial").isTrue();
    }
}
