package io.mapbench.operator.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.mapbench.operator.api.v1alpha1.Assignment;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.FailoverSpec;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.dependent.RemoteNames;
import io.mapbench.operator.dependent.RunRef;
import io.mapbench.operator.placement.Placement;
import io.mapbench.operator.placement.PlacementOutcome;
import io.mapbench.operator.status.RunObservations;
import io.mapbench.operator.status.RunObservations.JobObservation;
import io.mapbench.operator.status.RunStatusAggregator;
import io.mapbench.operator.testfixtures.RunFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Re-dispatch as the reconciler drives it, with the real pure parts (ClusterExecution, the status
 * aggregator, Failover, Placement) against simulated member clusters and a fake clock: one
 * reconcile is one {@link #reconcile} call. After every reconcile the slot invariants are checked:
 * per Go version at most one job entry the operator still acts on, at most one Job not complete in
 * the reachable members (an unreachable member's Job cannot be stopped; it is fenced: never read
 * and deleted as soon as the member is back), at most one result, at most one move.
 */
class FailoverStateMachineTest {
    private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final Duration AFTER = Duration.ofMinutes(5);
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final String GO = "1.26.8";
    private static final String HUB = "hub-uid";

    /** A member cluster as the operator's caches would show it, and what really runs there. */
    private static final class Member {
        final String name;
        boolean reachable = true;
        Instant since = T0.minus(Duration.ofHours(1));
        final Map<String, Job> jobs = new TreeMap<>();
        final Map<String, Pod> pods = new TreeMap<>();

        Member(String name) {
            this.name = name;
        }

        MemberCluster resource() {
            MemberCluster mc = RunFixtures.cluster(name, reachable, 1, Map.of("mapbench.io/tier", "cloud"));
            mc.getStatus().setConditions(List.of(new Condition(ConditionTypes.READY, reachable ? ConditionStatus.True
                    : ConditionStatus.False, reachable ? "ProbeSucceeded" : "Unreachable", "", 1L, since.toString())));
            return mc;
        }

        void setReachable(boolean r, Instant now) {
            if (r != reachable) {
                reachable = r;
                since = now;
            }
        }

        void create(String jobName, Instant now) {
            String uid = name + "/" + jobName + "/" + jobs.size();
            jobs.put(jobName, new JobBuilder().withNewMetadata().withName(jobName).withUid(uid).endMetadata()
                    .withNewStatus().withStartTime(now.toString()).endStatus().build());
            pods.put(jobName, new PodBuilder().withNewMetadata().withName(jobName + "-pod")
                    .withOwnerReferences(new OwnerReferenceBuilder().withUid(uid).withKind("Job").withName(jobName).build())
                    .endMetadata().withNewSpec().withNodeName("node-1").endSpec().withNewStatus().withPhase("Running")
                    .endStatus().build());
        }

        /** The Job runs to completion (also while the operator cannot see the member). */
        void complete(String jobName, Instant now) {
            Job j = jobs.get(jobName);
            j.getStatus().setCompletionTime(now.toString());
            j.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder()
                    .withType("Complete").withStatus("True").withLastTransitionTime(now.toString()).build()));
            pods.get(jobName).getStatus().setPhase("Succeeded");
        }

        boolean running(String jobName) {
            Job j = jobs.get(jobName);
            return j != null && (j.getStatus().getConditions() == null || j.getStatus().getConditions().isEmpty());
        }
    }

    private final Map<String, Member> members = new TreeMap<>();
    private final RunStatusAggregator aggregator = new RunStatusAggregator(DEADLINE);
    private final BenchmarkRun run = RunFixtures.run("perf", "failover", "uid-failover", T0.minusSeconds(60).toString());
    private final RunRef ref;
    /** Go version -> clusters a result was collected from (a BenchmarkResult each). */
    private final Map<String, List<String>> results = new HashMap<>();
    private final List<String> events = new ArrayList<>();

    FailoverStateMachineTest() {
        for (String name : List.of("cloud-a", "cloud-b", "cloud-c")) {
            members.put(name, new Member(name));
        }
        RunFixtures.withPlacement(run, new LabelSelectorBuilder().addToMatchLabels("mapbench.io/tier", "cloud").build(),
                null, 1);
        FailoverSpec failover = new FailoverSpec();
        failover.setAfter("5m");
        run.getSpec().getPlacement().setFailover(failover);
        BenchmarkRunStatus status = new BenchmarkRunStatus();
        Assignment a = new Assignment();
        a.setClusters(List.of("cloud-a"));
        a.setGoVersions(List.of(GO));
        a.setAdmittedAt(T0.toString());
        RunObservations admitted = new RunObservations(1, T0, null, null, null, a,
                List.of(new JobObservation("cloud-a", GO, JobPhase.Pending, null, null, null, null, null, null, null, null,
                        null, null, null)), null);
        run.setStatus(aggregator.aggregate(status, admitted, true).status());
        ref = RunRef.of(HUB, run);
    }

    private String jobName(String cluster) {
        return RemoteNames.jobName(ref, cluster, GO);
    }

    private BenchmarkRunStatus status() {
        return run.getStatus();
    }

    /** One reconcile of an admitted run: execute every assigned cluster, write, then failover and orphans. */
    private void reconcile(Instant now) {
        if (status().getPhase().isFinished()) {
            collectOrphans();
            return;
        }
        List<JobObservation> observations = new ArrayList<>();
        for (String cluster : status().getAssignment().getClusters()) {
            Member m = members.get(cluster);
            List<JobStatus> previous = RunExecutor.jobsOf(run, cluster, ref);
            ClusterExecution.Snapshot snapshot = new ClusterExecution.Snapshot(cluster, m.resource(), m.reachable,
                    MemberReadiness.notReadySince(m.resource(), now), m.reachable ? List.copyOf(m.jobs.values()) : List.of(),
                    m.reachable ? List.copyOf(m.pods.values()) : List.of());
            ClusterExecution.Plan plan = ClusterExecution.plan(gv -> RemoteNames.jobName(ref, cluster, gv), previous, snapshot,
                    now, GRACE, DEADLINE);
            observations.addAll(plan.observations());
            plan.dispatch().forEach(gv -> m.create(RemoteNames.jobName(ref, cluster, gv), now));
            for (ClusterExecution.Collect c : plan.collects()) {
                results.computeIfAbsent(c.goVersion(), k -> new ArrayList<>()).add(cluster);
                JobStatus j = c.job();
                observations.replaceAll(o -> o.goVersion().equals(c.goVersion()) && o.cluster().equals(cluster)
                        ? new JobObservation(cluster, c.goVersion(), JobPhase.Succeeded, j.getJobName(), j.getJobUid(), null,
                                null, "amd64", 1, j.getStartTime(), j.getCompletionTime(), null, null, cluster + "-result", null)
                        : o);
            }
        }
        write(new RunObservations(1, now, null, null, null, null, observations, null));
        Failover.Due due = Failover.due(status().getJobs(), AFTER, now);
        if (Failover.after(run.getSpec()).isPresent() && due.any()) {
            Assignment assignment = status().getAssignment();
            List<JobObservation> moves = new ArrayList<>();
            Set<String> own = new LinkedHashSet<>(assignment.getClusters());
            status().getJobs().forEach(j -> own.add(j.getCluster()));
            for (Map.Entry<String, List<JobStatus>> lost : due.lostByCluster().entrySet()) {
                List<MemberCluster> fleet = members.values().stream().map(Member::resource).toList();
                PlacementOutcome target = Placement.proposeReplacement(run, fleet, Map.of(), own);
                if (target instanceof PlacementOutcome.Assigned a) {
                    String to = a.clusters().get(0);
                    assignment = Failover.moved(assignment, lost.getKey(), to);
                    own.add(to);
                    moves.addAll(Failover.moveObservations(lost.getValue(), to, now));
                    events.add("Redispatched " + lost.getKey() + " -> " + to);
                } else if (target instanceof PlacementOutcome.Waiting w) {
                    moves.addAll(Failover.waiting(lost.getValue(), w.message()));
                } else {
                    moves.addAll(Failover.givenUp(lost.getValue(), target.message()));
                }
            }
            boolean movedNow = assignment != status().getAssignment();
            write(new RunObservations(1, now, null, null, null, movedNow ? assignment : null, moves, null));
            if (movedNow) {
                reconcile(now); // dispatch to the new cluster in the same reconcile
                return;
            }
        }
        collectOrphans();
    }

    private void write(RunObservations observations) {
        run.setStatus(aggregator.aggregate(status(), observations, Failover.after(run.getSpec()).isPresent()).status());
    }

    private void collectOrphans() {
        for (String cluster : Failover.abandonedClusters(status())) {
            Member m = members.get(cluster);
            if (m.reachable && !m.jobs.isEmpty()) {
                m.jobs.clear();
                m.pods.clear();
                events.add("OrphansDeleted " + cluster);
            }
        }
    }

    private void assertSlotInvariants() {
        List<JobStatus> jobs = status().getJobs();
        assertThat(jobs.stream().filter(j -> Failover.counts(j) && !j.getPhase().isFinished()).count())
                .as("job entries the operator still acts on: %s", jobs).isLessThanOrEqualTo(1);
        assertThat(members.values().stream().filter(m -> m.reachable).filter(m -> m.running(jobName(m.name))).count())
                .as("Jobs running in reachable members after a reconcile").isLessThanOrEqualTo(1);
        assertThat(results.getOrDefault(GO, List.of())).as("results for the slot").hasSizeLessThanOrEqualTo(1);
        assertThat(jobs.stream().filter(j -> !Failover.counts(j)).count()).as("moves of the slot").isLessThanOrEqualTo(1);
        assertThat(status().getAssignment().getClusters()).noneMatch(Failover.abandonedClusters(status())::contains);
    }

    private Instant step(Instant now, Duration by) {
        Instant next = now.plus(by);
        reconcile(next);
        assertSlotInvariants();
        return next;
    }

    private JobStatus entry(String cluster) {
        return status().getJobs().stream().filter(j -> j.getCluster().equals(cluster)).findFirst().orElseThrow();
    }

    @Test
    void aJobLostPastFailoverAfterMovesOnceAndTheOldClustersJobIsNeverRead() {
        Instant now = step(T0, Duration.ZERO);
        assertThat(members.get("cloud-a").jobs).containsKey(jobName("cloud-a"));
        Member a = members.get("cloud-a");
        now = step(now, Duration.ofSeconds(10));
        a.setReachable(false, now);

        now = step(now, DEADLINE.plusSeconds(1));
        assertThat(entry("cloud-a").getPhase()).isEqualTo(JobPhase.Lost);
        assertThat(entry("cloud-a").getReason()).isEqualTo(ConditionReasons.CLUSTER_LOST);
        assertThat(status().getPhase()).as("a move is pending: the run does not finish").isEqualTo(RunPhase.Running);
        a.complete(jobName("cloud-a"), now); // it finishes where nobody can see it

        now = step(now, AFTER.minusSeconds(5));
        assertThat(status().getAssignment().getClusters()).as("not yet: 5 s before failover.after").containsExactly("cloud-a");
        assertThat(Failover.due(status().getJobs(), AFTER, now).recheckAfter()).contains(Duration.ofSeconds(6));

        now = step(now, Duration.ofSeconds(5));
        assertThat(events).containsExactly("Redispatched cloud-a -> cloud-b");
        assertThat(status().getAssignment().getClusters()).containsExactly("cloud-b");
        assertThat(entry("cloud-a").getPhase()).isEqualTo(JobPhase.Lost);
        assertThat(entry("cloud-a").getReason()).isEqualTo(ConditionReasons.REDISPATCHED);
        assertThat(entry("cloud-a").getMessage()).contains("re-dispatched to cloud-b");
        assertThat(members.get("cloud-b").jobs).as("dispatched in the same reconcile").containsKey(jobName("cloud-b"));
        assertThat(status().getJobs()).extracting(JobStatus::getCluster).containsExactly("cloud-a", "cloud-b");

        a.setReachable(true, now);
        now = step(now, Duration.ofSeconds(10));
        assertThat(a.jobs).as("the orphan, complete or not, is deleted, never read").isEmpty();
        assertThat(events).contains("OrphansDeleted cloud-a");
        assertThat(results).isEmpty();

        members.get("cloud-b").complete(jobName("cloud-b"), now);
        now = step(now, Duration.ofSeconds(10));
        assertThat(results).containsExactly(Map.entry(GO, List.of("cloud-b")));
        assertThat(status().getPhase()).as("the replacement counts, not the lost job").isEqualTo(RunPhase.Succeeded);
        assertThat(status().getJobsSummary()).isEqualTo("1/1 succeeded");
    }

    @Test
    void aReplacementLostInTurnIsNotMovedAgainAndTheRunFails() {
        Instant now = step(T0, Duration.ZERO);
        members.get("cloud-a").setReachable(false, now);
        now = step(now, DEADLINE.plus(AFTER).plusSeconds(2)); // Lost at this reconcile...
        now = step(now, AFTER.plusSeconds(1)); // ...and moved once it was Lost for failover.after
        assertThat(status().getAssignment().getClusters()).containsExactly("cloud-b");
        members.get("cloud-b").setReachable(false, now);
        now = step(now, DEADLINE.plusSeconds(1));
        now = step(now, AFTER.plusSeconds(1));
        assertThat(events).containsExactly("Redispatched cloud-a -> cloud-b");
        assertThat(entry("cloud-b").getPhase()).isEqualTo(JobPhase.Lost);
        assertThat(entry("cloud-b").getReason()).isEqualTo(ConditionReasons.CLUSTER_LOST);
        assertThat(status().getPhase()).isEqualTo(RunPhase.Failed);
    }

    @Test
    void noOtherMatchingClusterLeavesTheJobLostWithTheReasonAndTheRunEnds() {
        members.remove("cloud-b");
        members.remove("cloud-c");
        Instant now = step(T0, Duration.ZERO);
        members.get("cloud-a").setReachable(false, now);
        now = step(now, DEADLINE.plusSeconds(1));
        assertThat(status().getPhase()).isEqualTo(RunPhase.Running);
        step(now, AFTER.plusSeconds(1));
        assertThat(entry("cloud-a").getReason()).isEqualTo(ConditionReasons.NOT_REDISPATCHED);
        assertThat(entry("cloud-a").getMessage()).contains("no other MemberCluster matches");
        assertThat(status().getPhase()).isEqualTo(RunPhase.Failed);
    }

    @Test
    void withoutFailoverALostJobEndsTheRunAsBefore() {
        run.getSpec().getPlacement().setFailover(null);
        Instant now = step(T0, Duration.ZERO);
        members.get("cloud-a").setReachable(false, now);
        now = step(now, DEADLINE.plusSeconds(1));
        assertThat(entry("cloud-a").getPhase()).isEqualTo(JobPhase.Lost);
        assertThat(status().getPhase()).isEqualTo(RunPhase.Failed);
        step(now, AFTER.plusSeconds(1));
        assertThat(events).isEmpty();
        assertThat(status().getAssignment().getClusters()).containsExactly("cloud-a");
    }

    /**
     * Seeded random outages, returns and completions in any order (the seed is printed; the
     * invariants are checked after every reconcile), then every member back: the run ends with
     * at most one result and at most one move.
     */
    @Test
    void randomOutagesNeverGiveASlotTwoLiveJobsOrTwoResults() {
        long seed = Long.getLong("failover.seed", 20261207L);
        int moved = 0;
        int orphansDeleted = 0;
        for (int round = 0; round < 80; round++) {
            Random random = new Random(seed + round);
            FailoverStateMachineTest sim = new FailoverStateMachineTest();
            Instant now = sim.step(T0, Duration.ZERO);
            for (int i = 0; i < 40 && !sim.status().getPhase().isFinished(); i++) {
                List<Member> fleet = List.copyOf(sim.members.values());
                Member m = fleet.get(random.nextInt(fleet.size()));
                switch (random.nextInt(4)) {
                    case 0 -> m.setReachable(!m.reachable, now);
                    case 1 -> {
                        if (m.running(sim.jobName(m.name))) {
                            m.complete(sim.jobName(m.name), now);
                        }
                    }
                    default -> { }
                }
                now = sim.step(now, Duration.ofSeconds(5 + random.nextInt(240)));
            }
            sim.members.values().forEach(m -> m.setReachable(true, T0));
            for (int i = 0; i < 5; i++) {
                for (Member m : sim.members.values()) {
                    if (m.running(sim.jobName(m.name))) {
                        m.complete(sim.jobName(m.name), now);
                    }
                }
                now = sim.step(now, Duration.ofSeconds(30));
            }
            assertThat(sim.status().getPhase().isFinished()).as("seed %d: %s", seed + round, sim.status().getJobs()).isTrue();
            assertThat(sim.members.values().stream().filter(mb -> Failover.abandonedClusters(sim.status()).contains(mb.name))
                    .allMatch(mb -> mb.jobs.isEmpty())).as("seed %d: orphans collected", seed + round).isTrue();
            if (sim.status().getPhase() == RunPhase.Succeeded) {
                assertThat(sim.results.get(GO)).as("seed %d", seed + round).hasSize(1);
            }
            moved += sim.events.stream().anyMatch(e -> e.startsWith("Redispatched")) ? 1 : 0;
            orphansDeleted += sim.events.stream().anyMatch(e -> e.startsWith("OrphansDeleted")) ? 1 : 0;
        }
        System.out.printf("failover simulation seed %d: 80 rounds, %d with a move, %d with orphans deleted%n", seed, moved,
                orphansDeleted);
        assertThat(moved).as("the rounds exercise moves").isGreaterThan(10);
        assertThat(orphansDeleted).as("the rounds exercise orphan collection").isGreaterThan(5);
    }
}
