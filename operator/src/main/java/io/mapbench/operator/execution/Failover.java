package io.mapbench.operator.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mapbench.operator.api.v1alpha1.Assignment;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.status.RunObservations.JobObservation;
import io.mapbench.operator.work.GoDuration;

/**
 * Re-dispatch of jobs lost on an unreachable member (spec.placement.failover; DESIGN.md,
 * "Re-dispatch"). Pure: the run's recorded jobs and the clock in, what to do out; the admission gate
 * picks the target cluster, the reconciler writes the result.
 *
 * <p>The rules that make "never two live Jobs for one slot" hold: a job is moved only once it is
 * {@code Lost} (finished: nothing observes, collects or re-creates it in the old cluster any more),
 * and only once — a replacement is never moved again. Moving a job records it in status in one
 * write: the old entry keeps phase Lost with reason {@code Redispatched} naming the new cluster, a
 * new entry for the new cluster is appended, and the assignment names the new cluster instead of
 * the old one (so the old cluster's slot is free and nothing there is observed again). The old
 * cluster's remote objects are orphans from then on, deleted when it is reachable
 * ({@link #abandonedClusters}).
 *
 * <p>Which entries are replacements needs no extra status field: each move appends exactly one
 * entry for the Go version and marks exactly one as Redispatched, and entries are never reordered,
 * so for a Go version with R Redispatched entries the last R entries that are not Redispatched are
 * the replacements.
 */
public final class Failover {
    private Failover() {
    }

    /** spec.placement.failover.after, empty when the run has no failover. */
    public static Optional<Duration> after(BenchmarkRunSpec spec) {
        if (spec == null || spec.getPlacement() == null || spec.getPlacement().getFailover() == null) {
            return Optional.empty();
        }
        return Optional.of(GoDuration.parse("spec.placement.failover.after", spec.getPlacement().getFailover().getAfter()));
    }

    /** Whether a job entry counts for the run's phase (a moved one does not: its replacement does). */
    public static boolean counts(JobStatus job) {
        return !ConditionReasons.REDISPATCHED.equals(job.getReason());
    }

    /** The entries the run's phase is judged on. */
    public static List<JobStatus> counted(List<JobStatus> jobs) {
        return jobs.stream().filter(Failover::counts).toList();
    }

    /**
     * Whether a Lost job may still be moved: the run has failover, the job was lost (not yet moved,
     * not given up) and is not itself a replacement. Such a job keeps the run from finishing.
     */
    public static boolean pending(JobStatus job, List<JobStatus> jobs, boolean failover) {
        return failover && job.getPhase() == JobPhase.Lost && ConditionReasons.CLUSTER_LOST.equals(job.getReason())
                && !isReplacement(job, jobs);
    }

    /** Whether {@code job} (an entry of {@code jobs}) was created by a re-dispatch (see the class comment). */
    static boolean isReplacement(JobStatus job, List<JobStatus> jobs) {
        String gv = job.getGoVersion();
        long moved = jobs.stream().filter(j -> gv.equals(j.getGoVersion()) && !counts(j)).count();
        if (moved == 0) {
            return false;
        }
        List<JobStatus> live = jobs.stream().filter(j -> gv.equals(j.getGoVersion()) && counts(j)).toList();
        int index = live.indexOf(job);
        return index >= 0 && index >= live.size() - moved;
    }

    /**
     * @param lostByCluster jobs to move now, by the cluster they were lost on (in status order)
     * @param recheckAfter  when the next pending job becomes due
     */
    public record Due(Map<String, List<JobStatus>> lostByCluster, Optional<Duration> recheckAfter) {
        public boolean any() {
            return !lostByCluster.isEmpty();
        }
    }

    /** The pending jobs lost for at least {@code after} (their completionTime is when they became Lost). */
    public static Due due(List<JobStatus> jobs, Duration after, Instant now) {
        Map<String, List<JobStatus>> due = new LinkedHashMap<>();
        Duration recheck = null;
        for (JobStatus j : jobs) {
            if (!pending(j, jobs, true)) {
                continue;
            }
            Instant lostAt = j.getCompletionTime() == null ? now : Instant.parse(j.getCompletionTime());
            Instant at = lostAt.plus(after);
            if (now.isBefore(at)) {
                Duration wait = Duration.between(now, at).plusSeconds(1);
                recheck = recheck == null || wait.compareTo(recheck) < 0 ? wait : recheck;
            } else {
                due.computeIfAbsent(j.getCluster(), c -> new ArrayList<>()).add(j);
            }
        }
        return new Due(due, Optional.ofNullable(recheck));
    }

    /** The assignment after moving {@code lost}'s jobs to {@code target}: the target in the lost cluster's place. */
    public static Assignment moved(Assignment assignment, String lost, String target) {
        Assignment next = new Assignment();
        List<String> clusters = new ArrayList<>();
        for (String c : assignment.getClusters()) {
            if (c.equals(lost)) {
                clusters.add(target);
            } else if (!c.equals(target)) {
                clusters.add(c);
            }
        }
        if (!clusters.contains(target)) {
            clusters.add(target);
        }
        next.setClusters(clusters);
        next.setGoVersions(new ArrayList<>(assignment.getGoVersions()));
        next.setAdmittedAt(assignment.getAdmittedAt());
        return next;
    }

    /**
     * The status entries of a move: each lost job marked Redispatched (still Lost) naming the
     * target, and a Pending entry for the same Go version in the target.
     */
    public static List<JobObservation> moveObservations(List<JobStatus> lost, String target, Instant now) {
        List<JobObservation> result = new ArrayList<>();
        for (JobStatus j : lost) {
            result.add(new JobObservation(j.getCluster(), j.getGoVersion(), JobPhase.Lost, null, null, null, null, null,
                    null, null, null, ConditionReasons.REDISPATCHED, "cluster " + j.getCluster() + " unreachable; re-dispatched"
                            + " to " + target + " at " + now + " (spec.placement.failover); its objects in " + j.getCluster()
                            + " are deleted when it is reachable again", null, null));
            result.add(new JobObservation(target, j.getGoVersion(), JobPhase.Pending, null, null, null, null, null, null, null,
                    null, null, "re-dispatched from " + j.getCluster() + "; waiting for the Job to be created", null, null));
        }
        return result;
    }

    /** The lost jobs stay Lost for good: no other cluster can take them ({@code why} says what was tried). */
    public static List<JobObservation> givenUp(List<JobStatus> lost, String why) {
        return lost.stream().map(j -> new JobObservation(j.getCluster(), j.getGoVersion(), JobPhase.Lost, null, null,
                null, null, null, null, null, null, ConditionReasons.NOT_REDISPATCHED, "cluster " + j.getCluster()
                        + " unreachable; not re-dispatched: " + why, null, null)).toList();
    }

    /** A note on lost jobs that wait for a target (e.g. every candidate is full). */
    public static List<JobObservation> waiting(List<JobStatus> lost, String why) {
        return lost.stream().map(j -> JobObservation.note(j.getCluster(), j.getGoVersion(), "cluster " + j.getCluster()
                + " unreachable; waiting to be re-dispatched: " + why)).toList();
    }

    /**
     * Clusters the run left by a re-dispatch (entries there, no longer in the assignment): whatever
     * the run still has there is an orphan, deleted as soon as the cluster is reachable.
     */
    public static Set<String> abandonedClusters(BenchmarkRunStatus status) {
        Set<String> result = new LinkedHashSet<>();
        if (status == null || status.getAssignment() == null || status.getJobs() == null) {
            return result;
        }
        for (JobStatus j : status.getJobs()) {
            if (!counts(j) && !status.getAssignment().getClusters().contains(j.getCluster())) {
                result.add(j.getCluster());
            }
        }
        return result;
    }
}
