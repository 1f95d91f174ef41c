package io.mapbench.operator.cleanup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.dependent.RemoteNames;
import io.mapbench.operator.execution.Failover;
import io.mapbench.operator.dependent.RunRef;
import io.mapbench.operator.remote.RemoteClusterGateway;
import io.mapbench.operator.work.GoDuration;

/**
 * Removes a run's objects from its member clusters: after {@code ttlAfterFinished} (keeping failed
 * jobs when {@code spec.cleanup.keepFailed}), and everything when the run is deleted. Reads the
 * member caches first, so a finished run whose objects are already gone costs no API call.
 */
public final class RemoteCleanup {
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private final RemoteClusterGateway gateway;

    public RemoteCleanup(RemoteClusterGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * @param deleted   clusters where objects were deleted now
     * @param waitingOn clusters that could not be cleaned now (not connected, caches not synced, or a failed call)
     */
    public record Outcome(List<String> deleted, List<String> waitingOn) {
    }

    /** The run's effective TTL: spec.cleanup.ttlAfterFinished, else the deprecated spec.ttlAfterFinished, else 1h. */
    public static Duration ttl(BenchmarkRunSpec spec) {
        if (spec.getCleanup() != null && spec.getCleanup().getTtlAfterFinished() != null) {
            return GoDuration.parse("spec.cleanup.ttlAfterFinished", spec.getCleanup().getTtlAfterFinished());
        }
        return spec.getTtlAfterFinished() == null ? DEFAULT_TTL
                : GoDuration.parse("spec.ttlAfterFinished", spec.getTtlAfterFinished());
    }

    public static boolean keepFailed(BenchmarkRunSpec spec) {
        return spec.getCleanup() != null && Boolean.TRUE.equals(spec.getCleanup().getKeepFailed());
    }

    /** When the finished run's TTL expires (empty when it has no completion time yet). */
    public static Optional<Instant> expiry(BenchmarkRun run) {
        String completed = run.getStatus() == null ? null : run.getStatus().getCompletionTime();
        return Optional.ofNullable(completed).map(c -> Instant.parse(c).plus(ttl(run.getSpec())));
    }

    /** The TTL expired: delete what the run no longer needs in each member. */
    public Outcome afterTtl(BenchmarkRun run, String hubId) {
        String uid = run.getMetadata().getUid();
        RunRef ref = RunRef.of(hubId, run);
        boolean keepFailed = keepFailed(run.getSpec());
        List<String> deleted = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (String cluster : clusters(run)) {
            List<JobStatus> jobs = run.getStatus().getJobs().stream().filter(j -> cluster.equals(j.getCluster())).toList();
            Set<String> kept = keepFailed ? jobs.stream().filter(j -> j.getPhase() != JobPhase.Succeeded)
                    .map(j -> RemoteNames.jobName(ref, cluster, j.getGoVersion())).collect(Collectors.toSet()) : Set.of();
            if (!gateway.isSynced(cluster)) {
                waiting.add(cluster);
                continue;
            }
            Set<String> present = gateway.cachedJobs(cluster, uid).stream().map(j -> j.getMetadata().getName())
                    .collect(Collectors.toSet());
            if (kept.containsAll(present)) {
                continue; // nothing left to delete (or only what is kept)
            }
            try {
                if (kept.isEmpty()) {
                    gateway.deleteRunObjects(cluster, uid);
                } else {
                    for (JobStatus j : jobs) {
                        if (j.getPhase() == JobPhase.Succeeded) {
                            gateway.deleteJob(cluster, RemoteNames.jobName(ref, cluster, j.getGoVersion()));
                        }
                    }
                    gateway.deleteBudgets(cluster, uid);
                }
                deleted.add(cluster);
            } catch (RuntimeException e) {
                waiting.add(cluster); // unreachable: retried; the member's garbage collection is the backstop
            }
        }
        return new Outcome(deleted, waiting);
    }

    /**
     * Deletes what the run left in clusters its jobs were re-dispatched away from
     * (spec.placement.failover): orphans from the moment of the move, whatever they did meanwhile
     * (a Job that completed there is never read). Only Ready clusters whose synced cache still shows
     * a Job of the run that is not being deleted are called (one deletion, one Event); the others are
     * retried on the next reconcile (the member's Ready event or its objects' events bring one).
     *
     * @param ready whether a member is Ready (MemberCluster condition): only those are called
     */
    public Outcome collectOrphans(BenchmarkRun run, Predicate<String> ready) {
        String uid = run.getMetadata().getUid();
        List<String> deleted = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (String cluster : Failover.abandonedClusters(run.getStatus())) {
            // A member that is not Ready would only make the call wait for its timeout; its Ready event brings the run back.
            if (!ready.test(cluster) || !hasObjects(cluster, uid)) {
                continue;
            }
            try {
                gateway.deleteRunObjects(cluster, uid);
                deleted.add(cluster);
            } catch (RuntimeException e) {
                waiting.add(cluster);
            }
        }
        return new Outcome(deleted, waiting);
    }

    /** Whether the run may still have orphans in a cluster it left (its cache not synced counts as "may"). */
    public boolean hasOrphans(BenchmarkRun run, String cluster) {
        return Failover.abandonedClusters(run.getStatus()).contains(cluster)
                && (!gateway.isSynced(cluster) || hasObjects(cluster, run.getMetadata().getUid()));
    }

    /** A Job of the run not being deleted yet (its pods follow it through the member's garbage collector). */
    private boolean hasObjects(String cluster, String uid) {
        return gateway.isSynced(cluster)
                && gateway.cachedJobs(cluster, uid).stream().anyMatch(j -> j.getMetadata().getDeletionTimestamp() == null);
    }

    /** Every cluster the run has objects in: its assignment and the clusters it was re-dispatched away from. */
    static Set<String> clusters(BenchmarkRun run) {
        Set<String> result = new LinkedHashSet<>(run.getStatus().getAssignment().getClusters());
        result.addAll(Failover.abandonedClusters(run.getStatus()));
        return result;
    }

    /** The run is being deleted: everything goes, kept failed jobs included. */
    public Outcome onDelete(BenchmarkRun run) {
        List<String> deleted = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        if (run.getStatus() == null || run.getStatus().getAssignment() == null) {
            return new Outcome(deleted, waiting);
        }
        for (String cluster : clusters(run)) {
            try {
                gateway.deleteRunObjects(cluster, run.getMetadata().getUid());
                deleted.add(cluster);
            } catch (RuntimeException e) {
                waiting.add(cluster + " (" + e.getMessage() + ")");
            }
        }
        return new Outcome(deleted, waiting);
    }
}
