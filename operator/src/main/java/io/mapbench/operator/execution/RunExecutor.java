package io.mapbench.operator.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.dependent.DispatchSettings;
import io.mapbench.operator.dependent.DisruptionBudgetBuilder;
import io.mapbench.operator.dependent.RemoteNames;
import io.mapbench.operator.dependent.RunRef;
import io.mapbench.operator.dependent.WorkloadJobBuilder;
import io.mapbench.operator.remote.RemoteClusterGateway;
import io.mapbench.operator.results.ResultDocument;
import io.mapbench.operator.results.ResultReader;
import io.mapbench.operator.status.RunObservations.JobObservation;

/**
 * Carries out {@link ClusterExecution} plans for every cluster of a run's assignment: clusters in
 * parallel, each isolated — an exception talking to one member becomes a note on that member's
 * jobs and a retry for it, while the other clusters proceed. Writes into members go through the
 * {@link RemoteClusterGateway} only; the status is the caller's business.
 */
public final class RunExecutor {
    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    /**
     * @param resultGrace    how long a completed Job's pod may be missing before its result is unavailable
     * @param resultAttempts failed log reads of one job before its result is unavailable
     * @param lostAfter      how long a member may be unreachable before its jobs are Lost
     * @param memberRetry    when to try a member again after a failed call
     */
    public record Settings(Duration resultGrace, int resultAttempts, Duration lostAfter, Duration memberRetry) {
    }

    /** A result stored on the hub by this execution (claims and gauges follow from it). */
    public record Collected(String cluster, String goVersion, ResultDocument document) {
    }

    /** A Kubernetes Event the caller records once the status write succeeded. */
    public record Note(String type, String reason, String message) {
    }

    /** What one execution observed and did. */
    public record Outcome(List<JobObservation> observations, List<Collected> collected, List<Note> events,
            Optional<Duration> recheckAfter) {
    }

    private final RemoteClusterGateway gateway;
    private final ResultCollector collector;
    private final ResultAttempts attempts;
    private final Settings settings;
    private final ExecutorService pool;

    public RunExecutor(RemoteClusterGateway gateway, KubernetesClient hub, ResultReader reader, long documentLimitBytes,
            Settings settings, ExecutorService pool) {
        this.gateway = gateway;
        this.collector = new ResultCollector(gateway, hub, reader, documentLimitBytes);
        this.attempts = new ResultAttempts(settings.resultAttempts());
        this.settings = settings;
        this.pool = pool;
    }

    /**
     * Observes and advances every cluster of the run's stored assignment.
     *
     * @param members the hub's MemberClusters by name (informer cache)
     */
    public Outcome execute(BenchmarkRun run, Map<String, MemberCluster> members, DispatchSettings dispatch, Instant now) {
        List<String> clusters = run.getStatus().getAssignment().getClusters();
        List<CompletableFuture<ClusterOutcome>> running = new ArrayList<>();
        ClusterOutcome last = null;
        for (int i = 0; i < clusters.size(); i++) {
            String cluster = clusters.get(i);
            if (i == clusters.size() - 1) {
                last = executeCluster(run, cluster, members.get(cluster), dispatch, now); // the caller's thread takes one
            } else {
                running.add(CompletableFuture.supplyAsync(
                        () -> executeCluster(run, cluster, members.get(cluster), dispatch, now), pool));
            }
        }
        List<ClusterOutcome> done = new ArrayList<>(); // in the assignment's order
        running.forEach(f -> done.add(f.join()));
        if (last != null) {
            done.add(last);
        }
        List<JobObservation> observations = new ArrayList<>();
        List<Collected> collected = new ArrayList<>();
        Map<String, List<String>> dispatched = new LinkedHashMap<>();
        Duration recheck = null;
        for (ClusterOutcome o : done) {
            observations.addAll(o.observations());
            collected.addAll(o.collected());
            if (!o.dispatched().isEmpty()) {
                dispatched.put(o.cluster(), o.dispatched());
            }
            if (o.recheckAfter().isPresent() && (recheck == null || o.recheckAfter().get().compareTo(recheck) < 0)) {
                recheck = o.recheckAfter().get();
            }
        }
        List<Note> events = dispatched.isEmpty() ? List.of() : List.of(dispatchedNote(dispatched));
        return new Outcome(observations, collected, events, Optional.ofNullable(recheck));
    }

    /**
     * One Event for a run's dispatch, whatever the number of clusters (an Event is a write on the
     * hub: one per cluster made a 50-run burst write twice as many).
     */
    static Note dispatchedNote(Map<String, List<String>> goVersionsByCluster) {
        boolean sameEverywhere = goVersionsByCluster.values().stream().distinct().count() == 1;
        String where = sameEverywhere
                ? "Jobs for Go " + String.join(", ", goVersionsByCluster.values().iterator().next()) + " applied in "
                        + String.join(", ", goVersionsByCluster.keySet())
                : "Jobs applied in " + goVersionsByCluster.entrySet().stream()
                        .map(e -> e.getKey() + " (Go " + String.join(", ", e.getValue()) + ")")
                        .collect(Collectors.joining(", "));
        return new Note("Normal", "Dispatched", where + " (with a PodDisruptionBudget unless spec.disruption allows eviction)");
    }

    /** What one cluster's execution observed and did; {@code dispatched}: the Go versions whose Jobs it applied. */
    private record ClusterOutcome(String cluster, List<JobObservation> observations, List<Collected> collected,
            List<String> dispatched, Optional<Duration> recheckAfter) {
    }

    /** A deleted run's in-memory state. */
    public void forget(String runUid) {
        attempts.forgetRun(runUid);
    }

    private ClusterOutcome executeCluster(BenchmarkRun run, String cluster, MemberCluster member, DispatchSettings dispatch,
            Instant now) {
        RunRef ref = RunRef.of(dispatch.hub(), run);
        String uid = run.getMetadata().getUid();
        List<JobStatus> previous = jobsOf(run, cluster, ref);
        boolean reachable = MemberReadiness.isReady(member) && gateway.isSynced(cluster);
        Function<String, String> jobNames = gv -> RemoteNames.jobName(ref, cluster, gv);
        List<Job> jobs = reachable ? gateway.cachedJobs(cluster, uid) : List.of();
        List<Pod> pods = reachable ? gateway.cachedPods(cluster, uid) : List.of();
        List<String> missing = reachable ? ClusterExecution.recordedButMissing(jobNames, previous, jobs) : List.of();
        if (!missing.isEmpty()) {
            try {
                RemoteClusterGateway.RunObjects live = gateway.liveRunObjects(cluster, uid);
                if (ClusterExecution.recordedButMissing(jobNames, previous, live.jobs()).size() < missing.size()) {
                    LOG.infof("run %s/%s: the %s cache lacked Jobs %s that its API server has; using the server's answer",
                            run.getMetadata().getNamespace(), run.getMetadata().getName(), cluster, missing);
                }
                jobs = live.jobs();
                pods = live.pods();
            } catch (RuntimeException e) {
                // Neither the cache nor the server can say whether the Jobs exist: as unreachable as a
                // member whose caches never synced (Lost only once its MemberCluster is not Ready long enough).
                LOG.infof("run %s/%s: member cluster %s: Jobs %s missing from the cache and the server cannot be asked: %s",
                        run.getMetadata().getNamespace(), run.getMetadata().getName(), cluster, missing, e.getMessage());
                reachable = false;
                jobs = List.of();
                pods = List.of();
            }
        }
        ClusterExecution.Snapshot snapshot = new ClusterExecution.Snapshot(cluster, member, reachable,
                MemberReadiness.notReadySince(member, now), jobs, pods);
        ClusterExecution.Plan plan = ClusterExecution.plan(jobNames, previous, snapshot, now, settings.resultGrace(),
                settings.lostAfter());

        List<JobObservation> observations = new ArrayList<>(plan.observations());
        List<Collected> collected = new ArrayList<>();
        List<String> dispatched = new ArrayList<>();
        Duration recheck = plan.recheckAfter().orElse(null);
        try {
            if (!plan.dispatch().isEmpty()) {
                // The budget goes first: a pod can run within a second of its Job and must be
                // protected from its first moment.
                DisruptionBudgetBuilder.build(run, member, previous.size(), dispatch).ifPresent(pdb -> gateway.apply(cluster, pdb));
                for (String gv : plan.dispatch()) {
                    Job applied = gateway.apply(cluster, WorkloadJobBuilder.build(run, member, gv, dispatch));
                    JobObservation withUid = ClusterExecution.dispatched(cluster, gv, applied.getMetadata().getName(),
                            applied.getMetadata().getUid());
                    observations.replaceAll(o -> o.goVersion().equals(gv) ? withUid : o);
                }
                dispatched.addAll(plan.dispatch());
            }
            for (ClusterExecution.Collect c : plan.collects()) {
                CollectResult result = collect(run, cluster, c, dispatch.hub());
                observations.replaceAll(o -> o.goVersion().equals(c.goVersion()) ? result.observation() : o);
                if (result.document() != null) {
                    collected.add(new Collected(cluster, c.goVersion(), result.document()));
                } else if (result.observation().phase() == JobPhase.Running) {
                    Duration backoff = settings.memberRetry().multipliedBy(
                            1L << Math.min(6, attempts.failures(uid, cluster, c.goVersion())));
                    recheck = recheck == null || backoff.compareTo(recheck) < 0 ? backoff : recheck;
                }
            }
            // Collected results may have ended the cluster's last job just now.
            if (ClusterExecution.lastJobEnded(previous, observations)) {
                gateway.deleteBudgets(cluster, uid);
            }
        } catch (HubException e) {
            LOG.warnf("run %s/%s on %s: %s", run.getMetadata().getNamespace(), run.getMetadata().getName(), cluster,
                    e.getMessage());
            return failed(previous, cluster, "hub: " + e.getMessage(), collected);
        } catch (RuntimeException e) {
            LOG.warnf("run %s/%s: member cluster %s: %s", run.getMetadata().getNamespace(), run.getMetadata().getName(),
                    cluster, e.getMessage());
            return failed(previous, cluster, "member cluster " + cluster + ": " + e.getMessage(), collected);
        }
        return new ClusterOutcome(cluster, observations, collected, dispatched, Optional.ofNullable(recheck));
    }

    /** A collect's observation, with the document when the result is in. */
    private record CollectResult(JobObservation observation, ResultDocument document) {
    }

    private CollectResult collect(BenchmarkRun run, String cluster, ClusterExecution.Collect c, String hubId) {
        String uid = run.getMetadata().getUid();
        JobStatus job = c.job();
        ResultCollector.Outcome outcome = collector.collect(hubId, run, cluster, c.goVersion(), c.pod(), job.getNodeArch());
        if (outcome instanceof ResultCollector.Outcome.Collected collected) {
            attempts.forget(uid, cluster, c.goVersion());
            return new CollectResult(new JobObservation(cluster, c.goVersion(), JobPhase.Succeeded, job.getJobName(),
                    job.getJobUid(), job.getNode(), job.getNodeArch(), collected.document().environment().goarch(),
                    job.getAttempts(), job.getStartTime(), job.getCompletionTime(), null, null, collected.resultName(), null),
                    collected.document());
        }
        if (outcome instanceof ResultCollector.Outcome.Invalid invalid) {
            attempts.forget(uid, cluster, c.goVersion());
            return new CollectResult(ClusterExecution.observation(job, JobPhase.Failed, ConditionReasons.INVALID_RESULT,
                    invalid.message()), null);
        }
        String why = ((ResultCollector.Outcome.Unreadable) outcome).message();
        if (attempts.failedAndExhausted(uid, cluster, c.goVersion())) {
            return new CollectResult(ClusterExecution.observation(job, JobPhase.Failed, ConditionReasons.RESULT_UNAVAILABLE,
                    why + " (gave up after " + attempts.max() + " attempts)"), null);
        }
        return new CollectResult(ClusterExecution.observation(job, JobPhase.Running, null, why + "; trying again"), null);
    }

    /** The member (or the hub) failed mid-way: note it on the cluster's unfinished jobs, phases unchanged. */
    private ClusterOutcome failed(List<JobStatus> previous, String cluster, String message, List<Collected> collected) {
        List<JobObservation> notes = previous.stream().filter(j -> j.getPhase() == null || !j.getPhase().isFinished())
                .map(j -> JobObservation.note(cluster, j.getGoVersion(), message)).toList();
        return new ClusterOutcome(cluster, notes, collected, List.of(), Optional.of(settings.memberRetry()));
    }

    /**
     * The cluster's jobs as recorded in status: one per Go version of the assignment, or, for a
     * cluster that took over lost jobs (spec.placement.failover), only the Go versions it took over.
     */
    static List<JobStatus> jobsOf(BenchmarkRun run, String cluster, RunRef ref) {
        List<JobStatus> recorded = run.getStatus().getJobs() == null ? List.of() : run.getStatus().getJobs().stream()
                .filter(j -> cluster.equals(j.getCluster()) && Failover.counts(j)).toList();
        if (!recorded.isEmpty()) {
            return recorded;
        }
        List<JobStatus> result = new ArrayList<>();
        for (String gv : run.getStatus().getAssignment().getGoVersions()) {
            JobStatus j = new JobStatus();
            j.setCluster(cluster);
            j.setGoVersion(gv);
            j.setPhase(JobPhase.Pending);
            j.setJobName(RemoteNames.jobName(ref, cluster, gv));
            result.add(j);
        }
        return result;
    }
}
