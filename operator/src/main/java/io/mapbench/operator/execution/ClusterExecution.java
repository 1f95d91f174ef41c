package io.mapbench.operator.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.status.RunObservations.JobObservation;

/**
 * The execution state machine of one run on one member cluster (DESIGN.md, "Execution"): from the
 * jobs' last recorded state and what the member shows now, what to do next. Pure — no client, no
 * clock — so the same machine can later run inside an agent in the member cluster and report back.
 *
 * <p>Per Go version: not created yet -> dispatch; created -> observe the Job and its pods; the Job
 * complete -> collect the result from the succeeded pod's log, or, when that pod is gone for longer
 * than the grace period, end Failed/ResultUnavailable; the Job gone after it was seen -> Failed/
 * JobDeleted. A member that is not reachable only reports since when; the status aggregator turns
 * that into Lost after the deadline.
 */
public final class ClusterExecution {
    private ClusterExecution() {
    }

    /**
     * What the operator knows about the member now.
     *
     * @param member           the MemberCluster (null when deleted)
     * @param reachable        Ready and its informers synced: the cache below can be trusted
     * @param unreachableSince when it stopped being reachable (only read when not reachable)
     * @param jobs             the run's Jobs in the member (informer cache)
     * @param pods             the run's Pods in the member (informer cache)
     */
    public record Snapshot(String cluster, MemberCluster member, boolean reachable, Instant unreachableSince,
            List<Job> jobs, List<Pod> pods) {
        public Snapshot {
            Objects.requireNonNull(cluster, "cluster");
            jobs = jobs == null ? List.of() : List.copyOf(jobs);
            pods = pods == null ? List.of() : List.copyOf(pods);
        }
    }

    /** Read the result of {@code goVersion} from {@code pod}'s log; {@code job} is the Job as just observed. */
    public record Collect(String goVersion, Pod pod, JobStatus job) {
    }

    /**
     * @param observations  one per unfinished job of the cluster (finished ones are never touched)
     * @param dispatch      Go versions whose Job must be created (budget first)
     * @param collects      results to read
     * @param deleteBudgets the cluster's last job just ended: its budget must not block drains any longer
     * @param recheckAfter  when to look again without an event (a grace period or deadline expiring)
     */
    public record Plan(List<JobObservation> observations, List<String> dispatch, List<Collect> collects,
            boolean deleteBudgets, Optional<Duration> recheckAfter) {
    }

    /**
     * @param jobNames    deterministic remote Job name per Go version ({@code RemoteNames.jobName})
     * @param previous    the cluster's jobs as recorded in status (one per Go version of the assignment)
     * @param resultGrace how long a completed Job's pod may be missing from the cache before the
     *                    result is given up as unavailable
     * @param lostAfter   how long a member may be unreachable before its jobs are Lost
     */
    public static Plan plan(java.util.function.Function<String, String> jobNames, List<JobStatus> previous,
            Snapshot now, Instant clock, Duration resultGrace, Duration lostAfter) {
        List<JobObservation> observations = new ArrayList<>();
        List<String> dispatch = new ArrayList<>();
        List<Collect> collects = new ArrayList<>();
        Duration recheck = null;

        for (JobStatus prev : previous) {
            if (finished(prev)) {
                continue;
            }
            String gv = prev.getGoVersion();
            if (!now.reachable()) {
                observations.add(JobObservation.unreachable(now.cluster(), gv, now.unreachableSince()));
                Instant lostAt = now.unreachableSince().plus(lostAfter);
                if (clock.isBefore(lostAt)) {
                    recheck = min(recheck, Duration.between(clock, lostAt).plusSeconds(1));
                }
                continue;
            }
            String jobName = jobNames.apply(gv);
            Optional<Job> job = now.jobs().stream().filter(j -> jobName.equals(j.getMetadata().getName())).findFirst();
            if (job.isEmpty()) {
                if (prev.getJobUid() != null) {
                    observations.add(new JobObservation(now.cluster(), gv, JobPhase.Failed, jobName, null, null, null, null,
                            null, null, clock.toString(), ConditionReasons.JOB_DELETED, "Job " + jobName
                                    + " disappeared from member cluster " + now.cluster()
                                    + " before it finished (deleted by someone else?)", null, null));
                } else {
                    dispatch.add(gv);
                    observations.add(dispatched(now.cluster(), gv, jobName, null));
                }
                continue;
            }
            List<Pod> pods = now.pods().stream().filter(p -> ownedBy(p, job.get())).toList();
            JobStatus seen = JobObserver.observe(prev, job, pods, now.member());
            if (seen.getPhase() == JobPhase.Succeeded && prev.getResultName() == null) {
                Optional<Pod> pod = JobObserver.succeededPod(pods);
                if (pod.isPresent()) {
                    collects.add(new Collect(gv, pod.get(), seen));
                    observations.add(observation(seen, JobPhase.Running, null, "Job complete; reading the result"));
                    continue;
                }
                Instant completed = seen.getCompletionTime() == null ? clock : Instant.parse(seen.getCompletionTime());
                Instant giveUp = completed.plus(resultGrace);
                if (clock.isBefore(giveUp)) {
                    recheck = min(recheck, Duration.between(clock, giveUp).plusSeconds(1));
                    observations.add(observation(seen, JobPhase.Running, null,
                            "Job complete; waiting for its pod to read the result"));
                } else {
                    observations.add(observation(seen, JobPhase.Failed, ConditionReasons.RESULT_UNAVAILABLE, "Job "
                            + jobName + " completed but its succeeded pod is gone (deleted, or its node lost) before its"
                            + " log was read; no result for " + now.cluster() + "/" + gv));
                }
                continue;
            }
            observations.add(observation(seen, seen.getPhase(), null, seen.getMessage()));
        }
        return new Plan(observations, dispatch, collects, lastJobEnded(previous, observations), Optional.ofNullable(recheck));
    }

    /**
     * A job whose Job is being (or was just) applied. With the UID from the API server's answer it
     * is recorded in the dispatch's own status write, so the Job's later arrival in the cache is
     * no change: no second write per Job.
     *
     * @param jobUid the applied Job's UID, null before the apply
     */
    public static JobObservation dispatched(String cluster, String goVersion, String jobName, String jobUid) {
        return new JobObservation(cluster, goVersion, JobPhase.Pending, jobName, jobUid, null, null, null,
                jobUid == null ? null : 0, null, null, null, "Job dispatched to " + cluster, null, null);
    }

    /**
     * Whether these observations end the cluster's last unfinished job: then its budget must not
     * block node drains any longer. False when everything had ended before (already handled).
     */
    public static boolean lastJobEnded(List<JobStatus> previous, List<JobObservation> observations) {
        if (previous.stream().allMatch(ClusterExecution::finished)) {
            return false;
        }
        return previous.stream().allMatch(j -> finished(j) || observations.stream().anyMatch(o ->
                o.goVersion().equals(j.getGoVersion()) && o.phase() != null && o.phase().isFinished()));
    }

    static JobObservation observation(JobStatus j, JobPhase phase, String reason, String message) {
        return new JobObservation(j.getCluster(), j.getGoVersion(), phase, j.getJobName(), j.getJobUid(), j.getNode(),
                j.getNodeArch(), j.getArch(), j.getAttempts(), j.getStartTime(),
                phase != null && phase.isFinished() ? j.getCompletionTime() : null, reason, message, j.getResultName(), null);
    }

    /**
     * Jobs the run recorded (they have a UID, so they were seen) and has not finished that the
     * snapshot lacks: before they are declared deleted, the API server is asked (a cache can lag
     * behind its own server, e.g. while its watch is re-established).
     */
    public static List<String> recordedButMissing(java.util.function.Function<String, String> jobNames,
            List<JobStatus> previous, List<Job> cached) {
        return previous.stream()
                .filter(j -> !finished(j) && j.getJobUid() != null)
                .map(j -> jobNames.apply(j.getGoVersion()))
                .filter(name -> cached.stream().noneMatch(c -> name.equals(c.getMetadata().getName())))
                .toList();
    }

    private static boolean finished(JobStatus j) {
        return j.getPhase() != null && j.getPhase().isFinished();
    }

    private static boolean ownedBy(Pod pod, Job job) {
        return pod.getMetadata().getOwnerReferences() != null && pod.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> job.getMetadata().getUid().equals(o.getUid()));
    }

    private static Duration min(Duration a, Duration b) {
        return a == null || b.compareTo(a) < 0 ? b : a;
    }
}
