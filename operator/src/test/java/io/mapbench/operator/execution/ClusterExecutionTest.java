package io.mapbench.operator.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.status.RunObservations.JobObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The per-(run, cluster) state machine, without a cluster and with a fixed clock. */
class ClusterExecutionTest {
    private static final Instant COMPLETED = Instant.parse("2026-11-25T09:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final Duration LOST_AFTER = Duration.ofMinutes(2);
    private static final Function<String, String> NAMES = gv -> "job-" + gv;

    private static JobStatus recorded(String gv, JobPhase phase, String jobUid) {
        JobStatus j = new JobStatus();
        j.setCluster("cloud-1");
        j.setGoVersion(gv);
        j.setPhase(phase);
        j.setJobName(NAMES.apply(gv));
        j.setJobUid(jobUid);
        return j;
    }

    private static Job complete(String gv) {
        return new JobBuilder().withNewMetadata().withName(NAMES.apply(gv)).withUid("uid-" + gv).endMetadata()
                .withNewStatus().withStartTime("2026-11-25T08:59:00Z").withCompletionTime(COMPLETED.toString())
                .addNewCondition().withType("Complete").withStatus("True").withLastTransitionTime(COMPLETED.toString())
                .endCondition().endStatus().build();
    }

    private static Pod succeededPodOf(String gv) {
        return new PodBuilder().withNewMetadata().withName(NAMES.apply(gv) + "-abc").withCreationTimestamp("2026-11-25T08:59:00Z")
                .withOwnerReferences(new OwnerReferenceBuilder().withUid("uid-" + gv).withKind("Job").withName(NAMES.apply(gv))
                        .build()).endMetadata()
                .withNewSpec().withNodeName("node-1").endSpec().withNewStatus().withPhase("Succeeded").endStatus().build();
    }

    private static ClusterExecution.Snapshot reachable(List<Job> jobs, List<Pod> pods) {
        return new ClusterExecution.Snapshot("cloud-1", null, true, null, jobs, pods);
    }

    private static JobObservation only(ClusterExecution.Plan plan) {
        assertThat(plan.observations()).hasSize(1);
        return plan.observations().get(0);
    }

    @Test
    void aJobNotCreatedYetIsDispatched() {
        ClusterExecution.Plan plan = ClusterExecution.plan(NAMES, List.of(recorded("1.26.8", JobPhase.Pending, null)),
                reachable(List.of(), List.of()), COMPLETED, GRACE, LOST_AFTER);
        assertThat(plan.dispatch()).containsExactly("1.26.8");
        assertThat(only(plan).phase()).isEqualTo(JobPhase.Pending);
        assertThat(plan.deleteBudgets()).isFalse();
    }

    @Test
    void aCompletedJobWithItsPodIsCollected() {
        ClusterExecution.Plan plan = ClusterExecution.plan(NAMES, List.of(recorded("1.26.8", JobPhase.Running, "uid-1.26.8")),
                reachable(List.of(complete("1.26.8")), List.of(succeededPodOf("1.26.8"))), COMPLETED, GRACE, LOST_AFTER);
        assertThat(plan.collects()).extracting(ClusterExecution.Collect::goVersion).containsExactly("1.26.8");
        assertThat(only(plan).phase()).as("finished only once the result is in").isEqualTo(JobPhase.Running);
    }

    @Test
    void aCompletedJobWhosePodIsGoneWaitsTheGracePeriodThenEndsResultUnavailable() {
        List<JobStatus> before = List.of(recorded("1.26.8", JobPhase.Running, "uid-1.26.8"));
        ClusterExecution.Snapshot podGone = reachable(List.of(complete("1.26.8")), List.of());

        ClusterExecution.Plan early = ClusterExecution.plan(NAMES, before, podGone, COMPLETED.plusSeconds(10), GRACE, LOST_AFTER);
        assertThat(only(early).phase()).isEqualTo(JobPhase.Running);
        assertThat(early.recheckAfter()).contains(Duration.ofSeconds(51));
        assertThat(early.collects()).isEmpty();

        ClusterExecution.Plan late = ClusterExecution.plan(NAMES, before, podGone, COMPLETED.plus(GRACE), GRACE, LOST_AFTER);
        assertThat(only(late).phase()).isEqualTo(JobPhase.Failed);
        assertThat(only(late).reason()).isEqualTo("ResultUnavailable");
        assertThat(only(late).message()).contains("succeeded pod is gone");
        assertThat(late.deleteBudgets()).as("the cluster's last job ended").isTrue();
        assertThat(late.recheckAfter()).isEmpty();
    }

    @Test
    void aJobThatDisappearsAfterItWasSeenFails() {
        ClusterExecution.Plan plan = ClusterExecution.plan(NAMES, List.of(recorded("1.26.8", JobPhase.Running, "uid-1.26.8")),
                reachable(List.of(), List.of()), COMPLETED, GRACE, LOST_AFTER);
        assertThat(plan.dispatch()).as("never re-created: that could run the benchmark twice").isEmpty();
        assertThat(only(plan).phase()).isEqualTo(JobPhase.Failed);
        assertThat(only(plan).reason()).isEqualTo("JobDeleted");
    }

    @Test
    void onlySeenUnfinishedJobsTheCacheLacksAreCheckedWithTheServer() {
        List<JobStatus> recorded = List.of(recorded("1.26.8", JobPhase.Running, "uid-1.26.8"),
                recorded("1.23.12", JobPhase.Pending, null), recorded("1.21.13", JobPhase.Succeeded, "uid-1.21.13"));
        assertThat(ClusterExecution.recordedButMissing(NAMES, recorded, List.of()))
                .as("never seen: dispatched, not missing; finished: no longer watched").containsExactly(NAMES.apply("1.26.8"));
        assertThat(ClusterExecution.recordedButMissing(NAMES, recorded, List.of(complete("1.26.8")))).isEmpty();
    }

    @Test
    void anUnreachableClusterIsReportedWithItsSinceAndRecheckedAtTheDeadline() {
        Instant since = COMPLETED.minusSeconds(30);
        ClusterExecution.Plan plan = ClusterExecution.plan(NAMES, List.of(recorded("1.26.8", JobPhase.Running, "uid")),
                new ClusterExecution.Snapshot("cloud-1", null, false, since, List.of(), List.of()), COMPLETED, GRACE, LOST_AFTER);
        assertThat(plan.dispatch()).isEmpty();
        assertThat(only(plan).unreachableSince()).isEqualTo(since);
        assertThat(plan.recheckAfter()).contains(Duration.ofSeconds(91));
    }

    @Test
    void finishedJobsAreNeverTouched() {
        ClusterExecution.Plan plan = ClusterExecution.plan(NAMES, List.of(recorded("1.26.8", JobPhase.Succeeded, "uid")),
                reachable(List.of(), List.of()), COMPLETED, GRACE, LOST_AFTER);
        assertThat(plan.observations()).isEmpty();
        assertThat(plan.dispatch()).isEmpty();
        assertThat(plan.deleteBudgets()).as("already all done before").isFalse();
    }

    @Test
    void theLastResultCollectedEndsTheClusterSoItsBudgetGoes() {
        List<JobStatus> before = List.of(recorded("1.23.12", JobPhase.Succeeded, "u1"), recorded("1.26.8", JobPhase.Running, "u2"));
        ClusterExecution.Plan plan = ClusterExecution.plan(NAMES, before,
                reachable(List.of(complete("1.26.8")), List.of(succeededPodOf("1.26.8"))), COMPLETED, GRACE, LOST_AFTER);
        assertThat(plan.deleteBudgets()).as("still collecting").isFalse();
        JobObservation collected = new JobObservation("cloud-1", "1.26.8", JobPhase.Succeeded, "job-1.26.8", "u2", null,
                null, "amd64", 1, null, COMPLETED.toString(), null, null, "result", null);
        assertThat(ClusterExecution.lastJobEnded(before, List.of(collected))).isTrue();
        assertThat(ClusterExecution.lastJobEnded(List.of(recorded("1.26.8", JobPhase.Succeeded, "u2")), List.of(collected)))
                .as("ended before: already handled").isFalse();
    }
}
