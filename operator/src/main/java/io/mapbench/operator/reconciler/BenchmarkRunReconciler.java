package io.mapbench.operator.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.mapbench.operator.api.v1alpha1.Assignment;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.config.GoVersionResolver;
import io.mapbench.operator.config.MapbenchConfig;
import io.mapbench.operator.dependent.DispatchSettings;
import io.mapbench.operator.dependent.DisruptionBudgetBuilder;
import io.mapbench.operator.dependent.RecordConfigMapBuilder;
import io.mapbench.operator.dependent.RemoteNames;
import io.mapbench.operator.dependent.RunRef;
import io.mapbench.operator.dependent.WorkloadJobBuilder;
import io.mapbench.operator.placement.Placement;
import io.mapbench.operator.placement.PlacementOutcome;
import io.mapbench.operator.metrics.MapbenchMetrics;
import io.mapbench.operator.status.RunObservations;
import io.mapbench.operator.status.RunStatusAggregator;
import io.mapbench.operator.status.StatusTransition;
import io.mapbench.operator.api.v1alpha1.ClaimStatus;
import io.mapbench.operator.api.v1alpha1.PolicyDecision;
import io.mapbench.operator.api.v1alpha1.PolicyViolation;
import io.mapbench.operator.policy.AdmissionFacts;
import io.mapbench.operator.policy.PolicyEventSource;
import io.mapbench.operator.policy.PolicyStore;
import io.mapbench.operator.policy.PolicyVerdict;
import io.mapbench.operator.remote.HubIdentity;
import io.mapbench.operator.remote.RemoteClusterGateway;
import io.mapbench.operator.results.ClaimEntries;
import io.mapbench.operator.results.ResultReader;
import io.mapbench.operator.results.ResultSchema;
import io.mapbench.operator.work.Catalog;
import io.mapbench.operator.work.GoDuration;
import io.mapbench.operator.work.WorkEstimate;
import io.mapbench.operator.work.WorkPlan;

/**
 * Reconciles a BenchmarkRun across member clusters (DESIGN.md "Flow of one run"): placement ->
 * admission gate -> the admitted assignment stored in status (never reshuffled) -> dispatch by
 * server-side apply -> observation through per-member informers -> results collected once ->
 * status -> cleanup. Never waits inside a reconcile: remote events, MemberCluster changes,
 * policy ConfigMap changes and rescheduleAfter bring it back.
 */
@ControllerConfiguration(name = BenchmarkRunReconciler.NAME)
public class BenchmarkRunReconciler implements Reconciler<BenchmarkRun>, Cleaner<BenchmarkRun> {
    public static final String NAME = "benchmarkrun";
    private static final Logger LOG = Logger.getLogger(BenchmarkRunReconciler.class);
    /** A run waiting for capacity is looked at again this often (finishing runs free capacity without an event). */
    static final Duration WAITING_RECHECK = Duration.ofSeconds(10);
    /** The policy being unavailable is retried this often (a fixed ConfigMap also triggers at once). */
    static final Duration POLICY_RETRY = Duration.ofSeconds(30);
    /** While a run's remote objects cannot be deleted, deletion is retried this often (bounded by the deadline). */
    static final Duration CLEANUP_RETRY = Duration.ofSeconds(5);

    private final RemoteClusterGateway gateway;
    private final HubIdentity hubIdentity;
    private final MapbenchConfig config;
    private final KubernetesClient hub;
    private final PolicyStore policy;
    private final Catalog catalog = Catalog.bundled();
    private final GoVersionResolver goVersions;
    private final ResultCollector collector;
    private final RunEvents events;
    private final RunStatusAggregator aggregator;
    private final MapbenchMetrics metrics;
    private InformerEventSource<MemberCluster, BenchmarkRun> memberClusters;

    @Inject
    public BenchmarkRunReconciler(RemoteClusterGateway gateway, HubIdentity hubIdentity, MapbenchConfig config,
            KubernetesClient hub, PolicyStore policy, MapbenchMetrics metrics) {
        this.gateway = gateway;
        this.hubIdentity = hubIdentity;
        this.config = config;
        this.hub = hub;
        this.goVersions = new GoVersionResolver(config.goVersions());
        this.collector = new ResultCollector(gateway, hub,
                new ResultReader(ResultSchema.bundled(), config.resultSizeLimit().asLongValue()));
        this.events = new RunEvents(hub);
        this.policy = policy;
        this.aggregator = new RunStatusAggregator(config.unreachableDeadline());
        this.metrics = metrics;
    }

    @Override
    public List<EventSource<?, BenchmarkRun>> prepareEventSources(EventSourceContext<BenchmarkRun> context) {
        // MemberCluster changes (Ready flips, new clusters, labels) re-evaluate every run that waits
        // for placement and every run assigned to that cluster (Lost deadlines, reconnects).
        memberClusters = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(MemberCluster.class, BenchmarkRun.class)
                .withName("memberclusters")
                // Cluster-scoped: one informer, whatever namespaces the runs are watched in (inherited
                // namespaces gave one informer per watched namespace and every member N times).
                .withWatchAllNamespaces()
                .withFollowControllerNamespacesChanges(false)
                .withSecondaryToPrimaryMapper(mc -> context.getPrimaryCache().list()
                        .filter(run -> unassigned(run) || Placement.assignedClusters(run).contains(mc.getMetadata().getName()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build(), context);
        // A new, fixed or removed policy (once swapped in by the PolicyStore) re-judges every run
        // that has not been admitted yet.
        PolicyEventSource policyChanges = new PolicyEventSource(policy, () -> context.getPrimaryCache().list()
                .filter(BenchmarkRunReconciler::unassigned)
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet()));
        return List.of(memberClusters, policyChanges, new RemoteRunEventSource(gateway));
    }

    @Override
    public UpdateControl<BenchmarkRun> reconcile(BenchmarkRun run, Context<BenchmarkRun> context) {
        BenchmarkRunStatus old = run.getStatus() == null ? new BenchmarkRunStatus() : run.getStatus();
        Instant now = Instant.now();
        Step step;
        if (old.getAssignment() == null) {
            step = admit(run, old, context, now);
        } else if (old.getPhase() != null && old.getPhase().isFinished()) {
            step = afterFinish(run, old, now);
        } else {
            step = progress(run, old, now);
        }
        UpdateControl<BenchmarkRun> control = finish(run, old, step);
        publishRunCounts(context, run);
        return control;
    }

    /** mapbench_runs{phase}: counted from the informer cache (this run with its new phase). */
    private void publishRunCounts(Context<BenchmarkRun> context, BenchmarkRun current) {
        Map<RunPhase, Long> counts = context.getPrimaryCache().list()
                .map(r -> r.getMetadata().getUid().equals(current.getMetadata().getUid()) ? current : r)
                .map(r -> r.getStatus() == null || r.getStatus().getPhase() == null ? RunPhase.Pending
                        : r.getStatus().getPhase())
                .collect(Collectors.groupingBy(p -> p, Collectors.counting()));
        metrics.setRunCounts(counts);
    }

    // ---------------------------------------------------------------------------------- admission

    private Step admit(BenchmarkRun run, BenchmarkRunStatus old, Context<BenchmarkRun> context, Instant now) {
        long gen = run.getMetadata().getGeneration();
        List<String> resolved = new ArrayList<>();
        List<String> requested = run.getSpec().getGoVersions();
        for (int i = 0; i < requested.size(); i++) {
            Optional<String> r = goVersions.resolve(requested.get(i));
            if (r.isEmpty()) {
                return Step.of(new RunObservations(gen, now, "spec.goVersions[" + i + "]: '" + requested.get(i)
                        + "' is not supported; supported: " + String.join(", ", goVersions.supported())
                        + " (or their 1.N prefixes)", null, null, null, null, null));
            }
            resolved.add(r.get());
        }

        if (run.getStatus() != null && run.getStatus().getPhase() == RunPhase.Denied && run.getStatus().getPolicy() != null
                && Objects.equals(run.getStatus().getObservedGeneration(), run.getMetadata().getGeneration())
                && policy.revision().map(r -> r.equals(run.getStatus().getPolicy().getRevision())).orElse(true)) {
            // Same spec, same policy (or none loaded now): the denial stands (and is not counted again),
            // whatever placement would say now; a full cluster must not turn a denial back into Pending.
            return Step.none();
        }
        List<MemberCluster> clusters = memberClusters.list().toList();
        List<BenchmarkRun> runs = context.getPrimaryCache().list().toList();
        PlacementOutcome outcome = Placement.propose(run, clusters, runs);
        if (!(outcome instanceof PlacementOutcome.Assigned assigned)) {
            Step step = Step.of(new RunObservations(gen, now, null, null, outcome, null, null, null));
            // NoMatchingCluster waits for a MemberCluster event; capacity is freed by other runs finishing.
            return ConditionReasons.WAITING_FOR_CAPACITY.equals(outcome.reason()) ? step.atMost(WAITING_RECHECK) : step;
        }

        String ns = run.getMetadata().getNamespace();
        PolicyVerdict verdict = policy.decide(run, AdmissionFacts.clusters(assigned.clusters(), clusters),
                AdmissionFacts.namespace(run, hub.namespaces().withName(ns).get(), runs),
                AdmissionFacts.estimate(WorkEstimate.of(catalog, WorkPlan.of(catalog, run.getSpec()),
                        Math.max(1, requested.size()))));
        if (verdict instanceof PolicyVerdict.Denied denied) {
            List<PolicyViolation> violations = denied.violations().stream()
                    .map(v -> new PolicyViolation(v.rule(), v.field(), v.message())).toList();
            return Step.of(new RunObservations(gen, now, null, new RunObservations.Admission(PolicyDecision.Denied,
                    violations, denied.revision(), null), outcome, null, null, null));
        }
        if (verdict instanceof PolicyVerdict.Unavailable unavailable) {
            return Step.of(new RunObservations(gen, now, null, new RunObservations.Admission(
                    PolicyDecision.Unavailable, null, null, unavailable.message()), outcome, null, null, null))
                    .atMost(POLICY_RETRY);
        }
        RunObservations.Admission admission = verdict instanceof PolicyVerdict.Allowed allowed
                ? new RunObservations.Admission(PolicyDecision.Allowed, null, allowed.revision(), null)
                : new RunObservations.Admission(PolicyDecision.Disabled, null, null, null);

        Assignment assignment = new Assignment();
        assignment.setClusters(new ArrayList<>(assigned.clusters()));
        assignment.setGoVersions(resolved);
        assignment.setAdmittedAt(now.truncatedTo(ChronoUnit.SECONDS).toString());
        RunRef ref = RunRef.of(hubIdentity.id(), run);
        List<RunObservations.JobObservation> jobs = new ArrayList<>();
        for (String cluster : assignment.getClusters()) {
            for (String gv : resolved) {
                jobs.add(new RunObservations.JobObservation(cluster, gv, JobPhase.Pending,
                        RemoteNames.jobName(ref, cluster, gv), null, null, null, null, null, null, null, null, null, null));
            }
        }
        // Dispatch in the next reconcile, after the assignment is stored: a crash in between can
        // then never dispatch an assignment the hub does not know about.
        return Step.of(new RunObservations(gen, now, null, admission, outcome, assignment, jobs, null))
                .atMost(Duration.ofMillis(50));
    }

    static boolean unassigned(BenchmarkRun run) {
        return run.getStatus() == null || run.getStatus().getAssignment() == null;
    }

    // --------------------------------------------------------------------------- dispatch + watch

    private Step progress(BenchmarkRun run, BenchmarkRunStatus status, Instant now) {
        List<ClaimStatus> claims = new ArrayList<>(status.getClaims());
        String hubId = hubIdentity.id();
        RunRef ref = RunRef.of(hubId, run);
        String uid = run.getMetadata().getUid();
        long gen = run.getMetadata().getGeneration();
        Map<String, MemberCluster> clusters = memberClusters.list()
                .collect(Collectors.toMap(mc -> mc.getMetadata().getName(), mc -> mc));
        DispatchSettings settings = new DispatchSettings(hubId, config.imageRepository(),
                new Quantity(config.workload().cpu()), new Quantity(config.workload().memory()));
        Map<String, JobStatus> previous = new HashMap<>();
        status.getJobs().forEach(j -> previous.put(j.getCluster() + "/" + j.getGoVersion(), j));
        List<RunObservations.JobObservation> jobs = new ArrayList<>();
        Step step = Step.none();

        for (String cluster : status.getAssignment().getClusters()) {
            MemberCluster mc = clusters.get(cluster);
            List<JobStatus> olds = status.getAssignment().getGoVersions().stream()
                    .map(gv -> previous.getOrDefault(cluster + "/" + gv, pending(ref, cluster, gv))).toList();
            boolean wasAllDone = olds.stream().allMatch(j -> j.getPhase() != null && j.getPhase().isFinished());
            if (mc == null || !MemberReadiness.isReady(mc) || !gateway.isSynced(cluster)) {
                Instant since = MemberReadiness.notReadySince(mc, now);
                Instant lostAt = since.plus(config.unreachableDeadline());
                for (JobStatus j : olds) {
                    if (!j.getPhase().isFinished()) {
                        jobs.add(RunObservations.JobObservation.unreachable(cluster, j.getGoVersion(), since));
                        if (now.isBefore(lostAt)) {
                            step = step.atMost(Duration.between(now, lostAt).plusSeconds(1));
                        }
                    }
                }
                continue;
            }

            List<Job> remoteJobs = gateway.cachedJobs(cluster, uid);
            List<Pod> remotePods = gateway.cachedPods(cluster, uid);
            boolean dispatched = false;
            List<JobStatus> now_ = new ArrayList<>();
            for (JobStatus prev : olds) {
                if (prev.getPhase().isFinished()) {
                    now_.add(prev);
                    continue;
                }
                String jobName = RemoteNames.jobName(ref, cluster, prev.getGoVersion());
                Optional<Job> job = remoteJobs.stream().filter(j -> jobName.equals(j.getMetadata().getName())).findFirst();
                if (job.isEmpty()) {
                    JobStatus next = JobObserver.copy(prev);
                    if (prev.getJobUid() != null) {
                        next.setPhase(JobPhase.Failed);
                        next.setMessage("Job " + jobName + " disappeared from member cluster " + cluster
                                + " before it finished (deleted by someone else?)");
                        next.setCompletionTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
                    } else {
                        if (!dispatched) {
                            // The budget goes first: a pod can run within a second of its Job and must be
                            // protected from its first moment, not from the end of this loop.
                            DisruptionBudgetBuilder.build(run, mc, olds.size(), settings)
                                    .ifPresent(pdb -> gateway.apply(cluster, pdb));
                        }
                        gateway.apply(cluster, RecordConfigMapBuilder.build(run, mc, prev.getGoVersion(), settings));
                        gateway.apply(cluster, WorkloadJobBuilder.build(run, mc, prev.getGoVersion(), settings));
                        dispatched = true;
                        next.setPhase(JobPhase.Pending);
                        next.setJobName(jobName);
                    }
                    now_.add(next);
                    continue;
                }
                List<Pod> pods = remotePods.stream().filter(p -> ownedBy(p, job.get())).toList();
                JobStatus next = JobObserver.observe(prev, job, pods, mc);
                if (next.getPhase() == JobPhase.Succeeded && next.getResultName() == null) {
                    collect(run, claims, next, cluster, pods, hubId);
                }
                now_.add(next);
            }
            if (dispatched) {
                step = step.withEvent(RunEvents.NORMAL, "Dispatched", "Jobs and record ConfigMaps applied in "
                        + cluster + " (with a PodDisruptionBudget unless spec.disruption allows eviction)");
            }
            boolean allDone = now_.stream().allMatch(j -> j.getPhase().isFinished());
            if (allDone && !wasAllDone) {
                // The cluster's benchmark pods have ended: its budget must not block node drains any longer.
                gateway.deleteBudgets(cluster, uid);
            }
            now_.forEach(j -> jobs.add(observation(j)));
        }
        return step.observing(new RunObservations(gen, now, null, null, null, null, jobs, claims))
                // A run that just finished comes back when its ttlAfterFinished expires.
                .atMost(ttl(run).isZero() ? Duration.ofSeconds(1) : ttl(run).plusSeconds(1));
    }

    private static RunObservations.JobObservation observation(JobStatus j) {
        return new RunObservations.JobObservation(j.getCluster(), j.getGoVersion(), j.getPhase(), j.getJobName(),
                j.getJobUid(), j.getNode(), j.getNodeArch(), j.getArch(), j.getAttempts(), j.getStartTime(),
                j.getCompletionTime(), j.getMessage(), j.getResultName(), null);
    }

    private void collect(BenchmarkRun run, List<ClaimStatus> claims, JobStatus job, String cluster, List<Pod> pods,
            String hubId) {
        Optional<Pod> pod = JobObserver.succeededPod(pods);
        if (pod.isEmpty()) {
            // The Job says Complete but its pod is not in the cache yet: the pod event follows.
            job.setPhase(JobPhase.Running);
            return;
        }
        ResultCollector.Outcome outcome = collector.collect(hubId, run, cluster, job.getGoVersion(), pod.get(),
                job.getNodeArch());
        if (outcome instanceof ResultCollector.Outcome.Collected c) {
            job.setResultName(c.resultName());
            job.setArch(c.document().environment().goarch());
            List<ClaimStatus> merged = ClaimEntries.merge(claims, cluster, job.getGoVersion(), c.document().claims());
            claims.clear();
            claims.addAll(merged);
            metrics.recordResult(run.getMetadata().getNamespace(), run.getMetadata().getName(), cluster,
                    job.getGoVersion(), c.document());
        } else if (outcome instanceof ResultCollector.Outcome.Invalid invalid) {
            job.setPhase(JobPhase.Failed);
            job.setMessage(invalid.message());
        }
    }

    private static boolean ownedBy(Pod pod, Job job) {
        return pod.getMetadata().getOwnerReferences() != null && pod.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> job.getMetadata().getUid().equals(o.getUid()));
    }

    private static JobStatus pending(RunRef ref, String cluster, String goVersion) {
        JobStatus j = new JobStatus();
        j.setCluster(cluster);
        j.setGoVersion(goVersion);
        j.setPhase(JobPhase.Pending);
        j.setJobName(RemoteNames.jobName(ref, cluster, goVersion));
        return j;
    }

    // -------------------------------------------------------------------------------- after finish

    private Step afterFinish(BenchmarkRun run, BenchmarkRunStatus status, Instant now) {
        Instant finished = status.getCompletionTime() == null ? now : Instant.parse(status.getCompletionTime());
        Instant expiry = finished.plus(ttl(run));
        if (now.isBefore(expiry)) {
            return Step.none().atMost(Duration.between(now, expiry).plusSeconds(1));
        }
        String uid = run.getMetadata().getUid();
        Step step = Step.none();
        for (String cluster : status.getAssignment().getClusters()) {
            if (gateway.cachedJobs(cluster, uid).isEmpty() && gateway.isSynced(cluster)) {
                continue;
            }
            try {
                gateway.deleteRunObjects(cluster, uid);
                step = step.withEvent(RunEvents.NORMAL, "RemoteObjectsDeleted", "ttlAfterFinished expired: Jobs, pods and"
                        + " ConfigMaps deleted in " + cluster);
            } catch (RuntimeException e) {
                // Unreachable: the MemberCluster probe garbage-collects once it is back; retry meanwhile.
                step = step.atMost(Duration.ofSeconds(30));
            }
        }
        return step;
    }

    private static Duration ttl(BenchmarkRun run) {
        String ttl = run.getSpec().getTtlAfterFinished();
        return ttl == null ? Duration.ofHours(1) : GoDuration.parse("spec.ttlAfterFinished", ttl);
    }

    // ------------------------------------------------------------------------------------ deletion

    @Override
    public DeleteControl cleanup(BenchmarkRun run, Context<BenchmarkRun> context) {
        metrics.removeRun(run.getMetadata().getNamespace(), run.getMetadata().getName());
        BenchmarkRunStatus status = run.getStatus();
        if (status == null || status.getAssignment() == null) {
            return DeleteControl.defaultDelete();
        }
        String uid = run.getMetadata().getUid();
        List<String> pending = new ArrayList<>();
        for (String cluster : status.getAssignment().getClusters()) {
            try {
                gateway.deleteRunObjects(cluster, uid);
            } catch (RuntimeException e) {
                pending.add(cluster + " (" + e.getMessage() + ")");
            }
        }
        if (pending.isEmpty()) {
            return DeleteControl.defaultDelete();
        }
        Instant deleting = run.getMetadata().getDeletionTimestamp() == null ? Instant.now()
                : Instant.parse(run.getMetadata().getDeletionTimestamp());
        if (!Instant.now().isBefore(deleting.plus(config.unreachableDeadline()))) {
            events.record(run, RunEvents.WARNING, "RemoteCleanupAbandoned", "could not delete remote objects in "
                    + String.join(", ", pending) + " within " + config.unreachableDeadline().toSeconds()
                    + "s; the MemberCluster probe deletes them when the cluster is reachable again");
            return DeleteControl.defaultDelete();
        }
        LOG.debugf("run %s/%s: remote cleanup pending in %s", run.getMetadata().getNamespace(),
                run.getMetadata().getName(), pending);
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(CLEANUP_RETRY.toMillis());
    }

    // ------------------------------------------------------------------------------ status writing

    private UpdateControl<BenchmarkRun> finish(BenchmarkRun run, BenchmarkRunStatus old, Step step) {
        UpdateControl<BenchmarkRun> control = UpdateControl.noUpdate();
        if (step.observations() != null) {
            RunStatusAggregator.Result result = aggregator.aggregate(old, step.observations());
            if (result.changed()) {
                // Events only for real transitions: a re-reconcile that changes nothing records nothing.
                step.events().forEach(e -> events.record(run, e.type(), e.reason(), e.message()));
                for (StatusTransition t : result.transitions()) {
                    events.record(run, t.warning() ? RunEvents.WARNING : RunEvents.NORMAL, t.reason(),
                            t.subject() + ": " + (t.from() == null ? "" : t.from() + " -> ") + t.to()
                                    + (t.message() == null || t.message().isEmpty() ? "" : ": " + t.message()));
                }
                if (result.status().getPhase().isFinished() && (old.getPhase() == null || !old.getPhase().isFinished())) {
                    metrics.runFinished(result.status().getPhase());
                }
                run.setStatus(result.status());
                control = UpdateControl.patchStatus(run);
            }
        }
        if (step.reschedule().isPresent()) {
            control.rescheduleAfter(step.reschedule().get().toMillis());
        }
        return control;
    }

    /**
     * What a reconcile decided: the observations for the status aggregator (null: status
     * untouched), when to look again, extra Events (dispatch, cleanup).
     */
    record Step(RunObservations observations, Optional<Duration> reschedule, List<RunEvent> events) {
        static Step none() {
            return new Step(null, Optional.empty(), List.of());
        }

        static Step of(RunObservations observations) {
            return none().observing(observations);
        }

        Step observing(RunObservations obs) {
            return new Step(obs, reschedule, events);
        }

        Step atMost(Duration d) {
            Duration next = reschedule.map(r -> r.compareTo(d) < 0 ? r : d).orElse(d);
            return new Step(observations, Optional.of(next), events);
        }

        Step withEvent(String type, String reason, String message) {
            List<RunEvent> all = new ArrayList<>(events);
            all.add(new RunEvent(type, reason, message));
            return new Step(observations, reschedule, all);
        }
    }

    record RunEvent(String type, String reason, String message) {
    }
}
