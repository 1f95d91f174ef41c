package io.mapbench.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapbench.operator.api.v1alpha1.Assignment;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.ClaimStatus;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.api.v1alpha1.PolicyDecision;
import io.mapbench.operator.api.v1alpha1.PolicyViolation;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.placement.PlacementOutcome;
import io.mapbench.operator.status.RunObservations.Admission;
import io.mapbench.operator.status.RunObservations.JobObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunStatusAggregatorTest {
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private final RunStatusAggregator aggregator = new RunStatusAggregator(Duration.ofMinutes(2));

    private static Assignment assignment() {
        Assignment a = new Assignment();
        a.setClusters(List.of("cloud-1", "edge-k3s-1"));
        a.setGoVersions(List.of("1.26.8", "1.23.12"));
        a.setAdmittedAt(T0.toString());
        return a;
    }

    private static RunObservations obs(Instant now, Admission admission, PlacementOutcome placement, Assignment assignment,
            List<JobObservation> jobs) {
        return new RunObservations(3, now, null, admission, placement, assignment, jobs, null);
    }

    private static JobObservation job(String cluster, String go, JobPhase phase, String message) {
        return new JobObservation(cluster, go, phase, "job-" + cluster + "-" + go, "uid-" + cluster + go, "node-" + cluster,
                cluster.startsWith("edge") ? "arm64" : "amd64", "amd64", 1, T0.toString(),
                phase.isFinished() ? T0.plusSeconds(60).toString() : null, message, null, null);
    }

    private static List<JobObservation> all(JobPhase phase) {
        return List.of(job("cloud-1", "1.26.8", phase, null), job("cloud-1", "1.23.12", phase, null),
                job("edge-k3s-1", "1.26.8", phase, null), job("edge-k3s-1", "1.23.12", phase, null));
    }

    private static Condition cond(BenchmarkRunStatus s, String type) {
        return s.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void waitingForCapacity() {
        var r = aggregator.aggregate(null, obs(T0, null, new PlacementOutcome.Waiting("WaitingForCapacity", "cloud-1 (1/1 runs)"), null, null));
        BenchmarkRunStatus s = r.status();
        assertThat(s.getPhase()).isEqualTo(RunPhase.Pending);
        assertThat(s.getObservedGeneration()).isEqualTo(3L);
        assertThat(s.getConditions()).extracting(Condition::getType)
                .containsExactly("Admitted", "Scheduled", "Completed", "Ready", "Degraded");
        assertThat(s.getConditions()).allSatisfy(c -> {
            assertThat(c.getObservedGeneration()).isEqualTo(3L);
            assertThat(c.getLastTransitionTime()).isEqualTo(T0.toString());
            assertThat(c.getReason()).matches("^[A-Z][A-Za-z]+$");
        });
        assertThat(cond(s, "Scheduled").getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(cond(s, "Scheduled").getReason()).isEqualTo("WaitingForCapacity");
        assertThat(cond(s, "Scheduled").getMessage()).isEqualTo("cloud-1 (1/1 runs)");
        assertThat(cond(s, "Admitted").getStatus()).isEqualTo(ConditionStatus.Unknown);
        assertThat(cond(s, "Ready").getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(cond(s, "Ready").getReason()).isEqualTo("WaitingForCapacity");
        assertThat(s.getJobs()).isEmpty();
        assertThat(s.getJobsSummary()).isNull();
        assertThat(r.transitions()).as("first appearance of conditions is not a transition").extracting(StatusTransition::subject)
                .containsExactly("phase");
        assertThat(r.changed()).isTrue();
    }

    @Test
    void noMatchingCluster() {
        BenchmarkRunStatus s = aggregator.aggregate(null, obs(T0, null,
                new PlacementOutcome.NoMatch("NoMatchingCluster", "no Ready MemberCluster matches"), null, null)).status();
        assertThat(s.getPhase()).isEqualTo(RunPhase.Pending);
        assertThat(cond(s, "Scheduled").getReason()).isEqualTo("NoMatchingCluster");
    }

    @Test
    void deniedByPolicy() {
        Admission denied = new Admission(PolicyDecision.Denied, List.of(new PolicyViolation("size-cap", "remove sizes above 1000000"),
                new PolicyViolation("edge-namespace", "label the namespace")), "rev-1", null);
        var r = aggregator.aggregate(null, obs(T0, denied, new PlacementOutcome.Assigned(List.of("edge-k3s-1")), null, null));
        BenchmarkRunStatus s = r.status();
        assertThat(s.getPhase()).isEqualTo(RunPhase.Denied);
        assertThat(cond(s, "Admitted").getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(cond(s, "Admitted").getReason()).isEqualTo("PolicyDenied");
        assertThat(cond(s, "Admitted").getMessage()).isEqualTo("size-cap: remove sizes above 1000000; edge-namespace: label the namespace");
        assertThat(cond(s, "Scheduled").getReason()).isEqualTo("PolicyDenied");
        assertThat(s.getPolicy().getDecision()).isEqualTo(PolicyDecision.Denied);
        assertThat(s.getPolicy().getViolations()).extracting(PolicyViolation::getRule).containsExactly("size-cap", "edge-namespace");
        assertThat(s.getPolicy().getRevision()).isEqualTo("rev-1");
        assertThat(s.getPolicy().getEvaluatedAt()).isEqualTo(T0.toString());
        assertThat(s.getAssignment()).isNull();
        assertThat(r.transitions()).filteredOn(t -> t.subject().equals("phase")).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo("Denied");
            assertThat(t.reason()).isEqualTo("PolicyDenied");
            assertThat(t.warning()).isTrue();
        });
    }

    @Test
    void policyUnavailableFailsClosed() {
        Admission unavailable = new Admission(PolicyDecision.Unavailable, List.of(), null, "no ConfigMap labelled mapbench.io/policy");
        BenchmarkRunStatus s = aggregator.aggregate(null, obs(T0, unavailable,
                new PlacementOutcome.Assigned(List.of("cloud-1")), null, null)).status();
        assertThat(s.getPhase()).isEqualTo(RunPhase.Pending);
        assertThat(cond(s, "Admitted").getStatus()).isEqualTo(ConditionStatus.Unknown);
        assertThat(cond(s, "Admitted").getReason()).isEqualTo("PolicyUnavailable");
        assertThat(cond(s, "Admitted").getMessage()).endsWith("no ConfigMap labelled mapbench.io/policy");
        assertThat(cond(s, "Scheduled").getStatus()).isEqualTo(ConditionStatus.Unknown);
        assertThat(s.getAssignment()).isNull();
    }

    @Test
    void admittedWithPolicyDisabledSchedulesEveryJobPending() {
        Admission disabled = new Admission(PolicyDecision.Disabled, List.of(), null, null);
        var r = aggregator.aggregate(null, obs(T0, disabled, new PlacementOutcome.Assigned(List.of("cloud-1", "edge-k3s-1")),
                assignment(), null));
        BenchmarkRunStatus s = r.status();
        assertThat(s.getPhase()).isEqualTo(RunPhase.Scheduled);
        assertThat(cond(s, "Admitted").getReason()).isEqualTo("PolicyDisabled");
        assertThat(cond(s, "Admitted").getStatus()).isEqualTo(ConditionStatus.True);
        assertThat(cond(s, "Scheduled").getStatus()).isEqualTo(ConditionStatus.True);
        assertThat(cond(s, "Scheduled").getMessage()).isEqualTo("placed on cloud-1, edge-k3s-1 with Go 1.26.8, 1.23.12");
        assertThat(s.getJobs()).extracting(j -> j.getCluster() + "/" + j.getGoVersion())
                .containsExactly("cloud-1/1.26.8", "cloud-1/1.23.12", "edge-k3s-1/1.26.8", "edge-k3s-1/1.23.12");
        assertThat(s.getJobs()).allSatisfy(j -> assertThat(j.getPhase()).isEqualTo(JobPhase.Pending));
        assertThat(s.getJobsSummary()).isEqualTo("0/4 succeeded, 4 pending");
        assertThat(s.getStartTime()).isEqualTo(T0.toString());
        assertThat(r.transitions()).as("a job's first appearance as Pending is no Event of its own")
                .extracting(StatusTransition::subject).containsExactly("phase");
    }

    @Test
    void runningThenAllSucceeded() {
        BenchmarkRunStatus running = aggregator.aggregate(null, obs(T0, null, null, assignment(), all(JobPhase.Running))).status();
        assertThat(running.getPhase()).isEqualTo(RunPhase.Running);
        assertThat(cond(running, "Completed").getReason()).isEqualTo("JobsRunning");
        assertThat(running.getJobs().get(2).getNodeArch()).isEqualTo("arm64");
        assertThat(running.getJobs().get(2).getJobUid()).isEqualTo("uid-edge-k3s-11.26.8");

        Instant t1 = T0.plusSeconds(120);
        var done = aggregator.aggregate(running, obs(t1, null, null, null, all(JobPhase.Succeeded)));
        BenchmarkRunStatus s = done.status();
        assertThat(s.getPhase()).isEqualTo(RunPhase.Succeeded);
        assertThat(s.getAssignment()).as("kept from the old status").isNotNull();
        assertThat(cond(s, "Completed").getStatus()).isEqualTo(ConditionStatus.True);
        assertThat(cond(s, "Completed").getReason()).isEqualTo("AllJobsSucceeded");
        assertThat(cond(s, "Ready").getStatus()).isEqualTo(ConditionStatus.True);
        assertThat(cond(s, "Ready").getLastTransitionTime()).isEqualTo(t1.toString());
        assertThat(cond(s, "Degraded").getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(cond(s, "Degraded").getLastTransitionTime()).as("unchanged status keeps its time").isEqualTo(T0.toString());
        assertThat(cond(s, "Scheduled").getLastTransitionTime()).isEqualTo(T0.toString());
        assertThat(s.getJobsSummary()).isEqualTo("4/4 succeeded");
        assertThat(s.getCompletionTime()).isEqualTo(T0.plusSeconds(60).toString());
        assertThat(done.transitions()).extracting(StatusTransition::subject).contains("phase", "Completed", "Ready");
    }

    @Test
    void someFailedIsPartiallySucceededAndDegraded() {
        List<JobObservation> jobs = List.of(job("cloud-1", "1.26.8", JobPhase.Succeeded, null),
                job("cloud-1", "1.23.12", JobPhase.Failed, "error: scenarios: unknown scenario \"x\""),
                job("edge-k3s-1", "1.26.8", JobPhase.Succeeded, null),
                job("edge-k3s-1", "1.23.12", JobPhase.TimedOut, "deadline exceeded"));
        BenchmarkRunStatus s = aggregator.aggregate(null, obs(T0, null, null, assignment(), jobs)).status();
        assertThat(s.getPhase()).isEqualTo(RunPhase.PartiallySucceeded);
        assertThat(cond(s, "Ready").getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(cond(s, "Ready").getReason()).isEqualTo("SomeJobsFailed");
        assertThat(cond(s, "Degraded").getStatus()).isEqualTo(ConditionStatus.True);
        assertThat(cond(s, "Degraded").getReason()).isEqualTo("JobTimedOut");
        assertThat(cond(s, "Degraded").getMessage()).isEqualTo("cloud-1/1.23.12 Failed: error: scenarios: unknown scenario \"x\";"
                + " edge-k3s-1/1.23.12 TimedOut: deadline exceeded");
        assertThat(s.getJobsSummary()).isEqualTo("2/4 succeeded, 1 failed, 1 timedout");
    }

    @Test
    void noneSucceededIsFailed() {
        BenchmarkRunStatus s = aggregator.aggregate(null, obs(T0, null, null, assignment(), all(JobPhase.Failed))).status();
        assertThat(s.getPhase()).isEqualTo(RunPhase.Failed);
        assertThat(cond(s, "Completed").getReason()).isEqualTo("AllJobsFailed");
        assertThat(cond(s, "Degraded").getReason()).isEqualTo("JobFailed");
    }

    @Test
    void malformedResultIsInvalidResult() {
        List<JobObservation> jobs = List.of(job("cloud-1", "1.26.8", JobPhase.Failed, "result document: size: 2000000 bytes, over the limit"),
                job("cloud-1", "1.23.12", JobPhase.Succeeded, null), job("edge-k3s-1", "1.26.8", JobPhase.Succeeded, null),
                job("edge-k3s-1", "1.23.12", JobPhase.Succeeded, null));
        var r = aggregator.aggregate(null, obs(T0, null, null, assignment(), jobs));
        assertThat(cond(r.status(), "Degraded").getReason()).isEqualTo("InvalidResult");
        assertThat(r.transitions()).filteredOn(t -> t.subject().equals("job cloud-1/1.26.8")).singleElement()
                .satisfies(t -> assertThat(t.reason()).isEqualTo("InvalidResult"));
    }

    @Test
    void unreachableClusterBecomesLostOnlyAfterTheDeadline() {
        BenchmarkRunStatus running = aggregator.aggregate(null, obs(T0, null, null, assignment(), all(JobPhase.Running))).status();
        Instant down = T0.plusSeconds(10);
        List<JobObservation> edgeDown = List.of(job("cloud-1", "1.26.8", JobPhase.Succeeded, null),
                job("cloud-1", "1.23.12", JobPhase.Succeeded, null),
                JobObservation.unreachable("edge-k3s-1", "1.26.8", down), JobObservation.unreachable("edge-k3s-1", "1.23.12", down));

        BenchmarkRunStatus within = aggregator.aggregate(running, obs(down.plusSeconds(119), null, null, null, edgeDown)).status();
        assertThat(within.getJobs().get(2).getPhase()).as("within the deadline the job keeps its phase").isEqualTo(JobPhase.Running);
        assertThat(within.getPhase()).isEqualTo(RunPhase.Running);

        Instant past = down.plusSeconds(120);
        var lost = aggregator.aggregate(within, obs(past, null, null, null, edgeDown));
        BenchmarkRunStatus s = lost.status();
        assertThat(s.getJobs().get(2).getPhase()).isEqualTo(JobPhase.Lost);
        assertThat(s.getJobs().get(2).getMessage()).isEqualTo("cluster edge-k3s-1 unreachable since 2026-11-25T09:00:10Z,"
                + " longer than the deadline of 120s");
        assertThat(s.getJobs().get(2).getNode()).as("what was known stays").isEqualTo("node-edge-k3s-1");
        assertThat(s.getPhase()).isEqualTo(RunPhase.PartiallySucceeded);
        assertThat(cond(s, "Degraded").getReason()).isEqualTo("ClusterLost");
        assertThat(lost.transitions()).filteredOn(t -> t.to().equals("Lost")).hasSize(2).allMatch(StatusTransition::warning);
    }

    @Test
    void finishedJobsAndRunsNeverChangeBack() {
        BenchmarkRunStatus done = aggregator.aggregate(null, obs(T0, null, null, assignment(), all(JobPhase.Succeeded))).status();
        // The cluster later goes away (e.g. after ttlAfterFinished the Jobs are deleted and the member is down).
        List<JobObservation> gone = List.of(JobObservation.unreachable("edge-k3s-1", "1.26.8", T0),
                new JobObservation("cloud-1", "1.26.8", JobPhase.Failed, null, null, null, null, null, null, null, null, "deleted", null, null));
        var again = aggregator.aggregate(done, obs(T0.plus(Duration.ofHours(2)), null, null, null, gone));
        assertThat(again.status().getPhase()).isEqualTo(RunPhase.Succeeded);
        assertThat(again.status().getJobs()).allSatisfy(j -> assertThat(j.getPhase()).isEqualTo(JobPhase.Succeeded));
        assertThat(again.changed()).isFalse();
        assertThat(again.transitions()).isEmpty();
    }

    @Test
    void theComparisonAndRegressedConditionWrittenAtTheFinishAreKept() {
        BenchmarkRunStatus done = aggregator.aggregate(null, obs(T0, null, null, assignment(), all(JobPhase.Succeeded))).status();
        io.mapbench.operator.api.v1alpha1.ComparisonSummary summary = new io.mapbench.operator.api.v1alpha1.ComparisonSummary();
        summary.setComparedResults(4);
        done.setComparison(summary);
        List<Condition> conditions = new java.util.ArrayList<>(done.getConditions());
        conditions.add(new Condition(ConditionTypes.REGRESSED, ConditionStatus.True, "Regressed", "B is +9% slower", 3L,
                T0.toString()));
        done.setConditions(conditions);

        var again = aggregator.aggregate(done, new RunObservations(4, T0.plusSeconds(60), null, null, null, null, null, null));

        assertThat(again.status().getComparison().getComparedResults()).isEqualTo(4);
        Condition regressed = cond(again.status(), ConditionTypes.REGRESSED);
        assertThat(regressed.getReason()).isEqualTo("Regressed");
        assertThat(regressed.getLastTransitionTime()).isEqualTo(T0.toString());
        assertThat(regressed.getObservedGeneration()).isEqualTo(4L);
        assertThat(again.transitions()).isEmpty();
    }

    @Test
    void sameObservationsTwiceIsNoChange() {
        RunObservations o = obs(T0, null, null, assignment(), all(JobPhase.Running));
        BenchmarkRunStatus first = aggregator.aggregate(null, o).status();
        var second = aggregator.aggregate(first, obs(T0.plusSeconds(30), null, null, null, all(JobPhase.Running)));
        assertThat(second.changed()).isFalse();
        assertThat(second.transitions()).isEmpty();
    }

    @Test
    void invalidSpecDeniesTheRunWithTheMessageSoItWaitsForNothing() {
        String problem = "spec.scenarios[0]: unknown scenario \"nope\" (allowed: a, b)";
        BenchmarkRunStatus s = aggregator.aggregate(null, new RunObservations(2, T0, problem, null, null, null, null, null)).status();
        assertThat(s.getPhase()).as("Denied: the spec stays editable, and the run holds no place in the queue")
                .isEqualTo(RunPhase.Denied);
        assertThat(cond(s, "Admitted").getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(cond(s, "Admitted").getReason()).isEqualTo("InvalidSpec");
        assertThat(cond(s, "Admitted").getMessage()).isEqualTo(problem);
        assertThat(cond(s, "Scheduled").getReason()).isEqualTo("InvalidSpec");
        assertThat(cond(s, "Ready").getMessage()).isEqualTo(problem);
        assertThat(cond(s, "Ready").getReason()).isEqualTo("InvalidSpec");
    }

    @Test
    void jobReasonsReachStatusAndTheDegradedCondition() {
        JobObservation gone = new JobObservation("cloud-1", "1.26.8", JobPhase.Failed, "job", "uid", null, null, null, 1,
                T0.toString(), T0.toString(), "ResultUnavailable", "Job job completed but its succeeded pod is gone", null,
                null);
        BenchmarkRunStatus s = aggregator.aggregate(null, obs(T0, null, null, assignment(), List.of(gone))).status();
        JobStatus job = s.getJobs().stream().filter(j -> j.getCluster().equals("cloud-1") && j.getGoVersion().equals("1.26.8"))
                .findFirst().orElseThrow();
        assertThat(job.getPhase()).isEqualTo(JobPhase.Failed);
        assertThat(job.getReason()).isEqualTo("ResultUnavailable");
        assertThat(cond(s, "Degraded").getReason()).isEqualTo("ResultUnavailable");
    }

    @Test
    void aNoteChangesTheMessageNotThePhase() {
        BenchmarkRunStatus running = aggregator.aggregate(null, obs(T0, null, null, assignment(), all(JobPhase.Running))).status();
        BenchmarkRunStatus noted = aggregator.aggregate(running, obs(T0.plusSeconds(5), null, null, null,
                List.of(JobObservation.note("cloud-1", "1.26.8", "member cluster cloud-1: connect timed out")))).status();
        JobStatus job = noted.getJobs().stream().filter(j -> j.getCluster().equals("cloud-1") && j.getGoVersion().equals("1.26.8"))
                .findFirst().orElseThrow();
        assertThat(job.getPhase()).isEqualTo(JobPhase.Running);
        assertThat(job.getMessage()).isEqualTo("member cluster cloud-1: connect timed out");
        assertThat(noted.getPhase()).isEqualTo(RunPhase.Running);
    }

    @Test
    void admittedConditionSurvivesLaterReconcilesWithoutADecision() {
        Admission allowed = new Admission(PolicyDecision.Allowed, List.of(), "rev-9", null);
        BenchmarkRunStatus first = aggregator.aggregate(null, obs(T0, allowed, new PlacementOutcome.Assigned(List.of("cloud-1")),
                assignment(), null)).status();
        assertThat(cond(first, "Admitted").getMessage()).isEqualTo("the admission policy allowed the run (policy revision rev-9)");
        BenchmarkRunStatus later = aggregator.aggregate(first, obs(T0.plusSeconds(5), null, null, null, all(JobPhase.Running))).status();
        assertThat(cond(later, "Admitted").getReason()).isEqualTo("PolicyAllowed");
        assertThat(cond(later, "Admitted").getLastTransitionTime()).isEqualTo(T0.toString());
        assertThat(later.getPolicy().getRevision()).isEqualTo("rev-9");
    }

    @Test
    void claimsAndResultNamesAreCarried() {
        ClaimStatus c = new ClaimStatus();
        c.setId("iteration-order-random");
        JobObservation withResult = new JobObservation("cloud-1", "1.26.8", JobPhase.Succeeded, null, null, null, null, "amd64", null,
                null, T0.toString(), null, "seed-cloud-1-go1-26-8-abc", null);
        BenchmarkRunStatus s = aggregator.aggregate(null, new RunObservations(1, T0, null, null, null, assignment(),
                List.of(withResult), List.of(c))).status();
        assertThat(s.getClaims()).extracting(ClaimStatus::getId).containsExactly("iteration-order-random");
        JobStatus j = s.getJobs().get(0);
        assertThat(j.getResultName()).isEqualTo("seed-cloud-1-go1-26-8-abc");
        assertThat(j.getArch()).isEqualTo("amd64");
        BenchmarkRunStatus next = aggregator.aggregate(s, new RunObservations(1, T0, null, null, null, null, List.of(), null)).status();
        assertThat(next.getClaims()).as("null claims keep the old ones").hasSize(1);
    }

    @Test
    void fixedSpecAfterADenialIsAdmittedWithTransitions() {
        Admission denied = new Admission(PolicyDecision.Denied, List.of(new PolicyViolation("size-cap", "remove sizes")), "rev-1", null);
        BenchmarkRunStatus first = aggregator.aggregate(null, obs(T0, denied, new PlacementOutcome.Assigned(List.of("cloud-1")), null, null))
                .status();
        Admission allowed = new Admission(PolicyDecision.Allowed, List.of(), "rev-1", null);
        Instant t1 = T0.plusSeconds(60);
        var r = aggregator.aggregate(first, obs(t1, allowed, new PlacementOutcome.Assigned(List.of("cloud-1")), assignment(), null));
        BenchmarkRunStatus s = r.status();
        assertThat(s.getPhase()).isEqualTo(RunPhase.Scheduled);
        assertThat(cond(s, "Admitted").getStatus()).isEqualTo(ConditionStatus.True);
        assertThat(cond(s, "Admitted").getLastTransitionTime()).isEqualTo(t1.toString());
        assertThat(s.getPolicy().getViolations()).isEmpty();
        assertThat(s.getPolicy().getEvaluatedAt()).isEqualTo(t1.toString());
        assertThat(r.transitions()).filteredOn(t -> t.subject().equals("phase")).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo("Denied");
            assertThat(t.to()).isEqualTo("Scheduled");
            assertThat(t.warning()).isFalse();
        });
        assertThat(r.transitions()).filteredOn(t -> t.subject().equals("Admitted")).singleElement()
                .satisfies(t -> assertThat(t.to()).isEqualTo("True"));
    }
}
