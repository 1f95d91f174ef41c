package io.mapbench.operator.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.mapbench.operator.admission.Admission;
import io.mapbench.operator.admission.AdmissionGate;
import io.mapbench.operator.admission.AdmissionQueue;
import io.mapbench.operator.admission.Redispatch;
import io.mapbench.operator.admission.RunValidation;
import io.mapbench.operator.admission.WaitingRunsTrigger;
import io.mapbench.operator.api.v1alpha1.Assignment;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.ClaimStatus;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.PolicyDecision;
import io.mapbench.operator.api.v1alpha1.PolicyViolation;
import io.mapbench.operator.cleanup.RemoteCleanup;
import io.mapbench.operator.cluster.LiveRuns;
import io.mapbench.operator.config.GoVersionResolver;
import io.mapbench.operator.config.MapbenchConfig;
import io.mapbench.operator.dependent.DispatchSettings;
import io.mapbench.operator.execution.Failover;
import io.mapbench.operator.execution.RemoteRunEventSource;
import io.mapbench.operator.execution.RunExecutor;
import io.mapbench.operator.metrics.MapbenchMetrics;
import io.mapbench.operator.metrics.ResultMetrics;
import io.mapbench.operator.metrics.ResultMetricsSource;
import io.mapbench.operator.config.Leadership;
import io.mapbench.operator.placement.Placement;
import io.mapbench.operator.policy.PolicyEventSource;
import io.mapbench.operator.policy.PolicyStore;
import io.mapbench.operator.remote.HubIdentity;
import io.mapbench.operator.remote.PrunedItemStore;
import io.mapbench.operator.remote.RemoteClusterGateway;
import io.mapbench.operator.results.ClaimEntries;
import io.mapbench.operator.results.ResultReader;
import io.mapbench.operator.results.ResultSchema;
import io.mapbench.operator.status.RunObservations;
import io.mapbench.operator.status.RunStatusAggregator;
import io.mapbench.operator.work.Catalog;

/**
 * Coordinates one BenchmarkRun (DESIGN.md, "Flow of one run"): an unassigned run goes through the
 * {@link AdmissionGate}; the stored assignment is executed per member cluster by the
 * {@link RunExecutor}; a finished run only waits for {@link RemoteCleanup}. Every status change is
 * written with optimistic locking by {@link StatusWriter}, and only then are its side effects
 * (Events, counters, result gauges, waking waiting runs) carried out by {@link RunSideEffects}
 * ({@link StatusCommit}), so a conflicting write never repeats them. Never waits inside a
 * reconcile: member, policy, remote and queue events (and rescheduleAfter for deadlines) bring it back.
 */
// Runs are cached without managedFields: every run ever created stays in this cache until deleted.
@ControllerConfiguration(name = BenchmarkRunReconciler.NAME, informer = @Informer(itemStore = PrunedItemStore.class))
public class BenchmarkRunReconciler implements Reconciler<BenchmarkRun>, Cleaner<BenchmarkRun> {
    public static final String NAME = "benchmarkrun";
    private static final Logger LOG = Logger.getLogger(BenchmarkRunReconciler.class);

    private final RemoteClusterGateway gateway;
    private final HubIdentity hubIdentity;
    private final MapbenchConfig config;
    private final KubernetesClient hub;
    private final AdmissionGate gate;
    private final RunExecutor executor;
    private final RemoteCleanup cleanup;
    private final RunEvents events;
    private final RunStatusAggregator aggregator;
    private final RunComparisonStep comparisons;
    private final MapbenchMetrics metrics;
    @Inject
    ResultMetrics resultMetrics;
    @Inject
    Leadership leadership;
    @Inject
    LiveRuns liveRuns;
    private final PolicyStore policy;
    private final ExecutorService clusterPool;
    private InformerEventSource<MemberCluster, BenchmarkRun> memberClusters;
    private WaitingRunsTrigger waitingRuns;

    @Inject
    public BenchmarkRunReconciler(RemoteClusterGateway gateway, HubIdentity hubIdentity, MapbenchConfig config,
            KubernetesClient hub, PolicyStore policy, MapbenchMetrics metrics) {
        this.hubIdentity = hubIdentity;
        this.config = config;
        this.hub = hub;
        this.policy = policy;
        this.metrics = metrics;
        Catalog catalog = Catalog.bundled();
        MapbenchConfig.Run timing = config.run();
        this.gate = new AdmissionGate(new RunValidation(catalog, new GoVersionResolver(config.goVersions())), catalog,
                policy, this::namespaceLabels, timing.reservationMaxAge());
        this.clusterPool = Executors.newFixedThreadPool(Math.max(1, timing.clusterParallelism()), daemonThreads());
        this.executor = new RunExecutor(gateway, hub, new ResultReader(ResultSchema.bundled(),
                config.resultSizeLimit().asLongValue()), config.resultSizeLimit().asLongValue(),
                new RunExecutor.Settings(timing.resultGrace(), timing.resultAttempts(), config.unreachableDeadline(),
                        timing.memberRetry()), clusterPool);
        this.cleanup = new RemoteCleanup(gateway);
        this.events = new RunEvents(hub);
        this.aggregator = new RunStatusAggregator(config.unreachableDeadline());
        this.comparisons = new RunComparisonStep(hub);
        this.gateway = gateway;
    }

    @Override
    public List<EventSource<?, BenchmarkRun>> prepareEventSources(EventSourceContext<BenchmarkRun> context) {
        // MemberCluster changes re-evaluate the runs that wait for admission and the unfinished runs
        // assigned to that cluster; finished runs are left alone (their cleanup has its own timer).
        memberClusters = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(MemberCluster.class, BenchmarkRun.class)
                .withName("memberclusters")
                // Cluster-scoped: one informer, whatever namespaces the runs are watched in (inherited
                // namespaces gave one informer per watched namespace and every member N times).
                .withWatchAllNamespaces()
                .withFollowControllerNamespacesChanges(false)
                .withSecondaryToPrimaryMapper(mc -> context.getPrimaryCache().list()
                        .filter(run -> AdmissionQueue.isWaiting(run) || activeOn(run, mc.getMetadata().getName())
                                || awaitingFailover(run) || cleanup.hasOrphans(run, mc.getMetadata().getName()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build(), context);
        // A new, fixed or removed policy re-judges every run still waiting for admission.
        PolicyEventSource policyChanges = new PolicyEventSource(policy, () -> context.getPrimaryCache().list()
                .filter(AdmissionQueue::isWaiting)
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet()));
        waitingRuns = new WaitingRunsTrigger(() -> context.getPrimaryCache().list(), BenchmarkRunReconciler::awaitingFailover);
        metrics.countRunsFrom(() -> context.getPrimaryCache().list().toList());
        liveRuns.readFrom(context.getPrimaryCache()::get); // the members' garbage collection asks the hub only about the others
        // Result gauges come from the stored BenchmarkResults of the same namespaces (never from a run's memory).
        ResultMetricsSource results = new ResultMetricsSource(context.getClient(),
                context.getControllerConfiguration().getEffectiveNamespaces(), resultMetrics, leadership,
                config.metrics().oneOffRuns());
        return List.of(memberClusters, policyChanges, new RemoteRunEventSource(gateway), waitingRuns, results);
    }

    /** An unfinished run with a Lost job that failover may still move (it waits for a target like a queued run). */
    private static boolean awaitingFailover(BenchmarkRun run) {
        if (run.getStatus() == null || run.getStatus().getPhase() == null || run.getStatus().getPhase().isFinished()
                || run.getStatus().getJobs() == null || Failover.after(run.getSpec()).isEmpty()) {
            return false;
        }
        List<JobStatus> jobs = run.getStatus().getJobs();
        return jobs.stream().anyMatch(j -> Failover.pending(j, jobs, true));
    }

    private static boolean activeOn(BenchmarkRun run, String cluster) {
        return run.getStatus() != null && run.getStatus().getPhase() != null && !run.getStatus().getPhase().isFinished()
                && Placement.assignedClusters(run).contains(cluster);
    }

    @Override
    public UpdateControl<BenchmarkRun> reconcile(BenchmarkRun run, Context<BenchmarkRun> context) {
        Instant now = Instant.now();
        BenchmarkRunStatus status = run.getStatus();
        if (status != null && status.getAssignment() != null && status.getPhase() != null && status.getPhase().isFinished()) {
            return afterFinish(run, now, context);
        }
        if (status == null || status.getAssignment() == null) {
            Admission admission = gate.decide(run, context.getPrimaryCache().list().toList(), memberClusters.list().toList(),
                    now);
            if (admission instanceof Admission.Deferred deferred) {
                LOG.debugf("run %s/%s: older runs go first: %s", run.getMetadata().getNamespace(), run.getMetadata().getName(),
                        deferred.ahead());
                return UpdateControl.noUpdate(); // woken by their admissions (AdmissionGate#takeDeferred)
            }
            BenchmarkRun written;
            try {
                written = write(run, admissionObservations(run, admission, now), List.of(), List.of(), context);
            } catch (RuntimeException e) {
                gate.release(run.getMetadata().getUid()); // its slots were never recorded
                throw e;
            }
            if (!(admission instanceof Admission.Admitted)) {
                return admission instanceof Admission.Unavailable
                        ? UpdateControl.<BenchmarkRun>noUpdate().rescheduleAfter(config.run().policyRetry())
                        : UpdateControl.noUpdate();
            }
            if (gate.takeDeferred()) {
                waitingRuns.wake(); // younger runs waited for this older one to be admitted first
            }
            run = written; // dispatch now: the assignment is stored, so a crash can never leave unknown remote Jobs
        }
        return execute(run, context, now);
    }

    private UpdateControl<BenchmarkRun> execute(BenchmarkRun run, Context<BenchmarkRun> context, Instant now) {
        Map<String, MemberCluster> members = memberClusters.list()
                .collect(Collectors.toMap(mc -> mc.getMetadata().getName(), mc -> mc));
        RunExecutor.Outcome outcome = executor.execute(run, members, dispatchSettings(), now);
        List<ClaimStatus> claims = new ArrayList<>(run.getStatus().getClaims());
        for (RunExecutor.Collected c : outcome.collected()) {
            claims = ClaimEntries.merge(claims, c.cluster(), c.goVersion(), c.document().claims());
        }
        RunObservations observations = new RunObservations(run.getMetadata().getGeneration(), now, null, null, null, null,
                outcome.observations(), claims);
        BenchmarkRun written = write(run, observations, outcome.events(), outcome.collected(), context);
        Optional<Duration> next = min(outcome.recheckAfter(), collectOrphans(written));
        Optional<Duration> failoverAfter = Failover.after(written.getSpec());
        if (failoverAfter.isPresent() && !written.getStatus().getPhase().isFinished()) {
            Failover.Due due = Failover.due(written.getStatus().getJobs(), failoverAfter.get(), now);
            if (due.any()) {
                BenchmarkRun moved = redispatch(written, due, context, now);
                if (!Placement.assignedClusters(moved).equals(Placement.assignedClusters(written))) {
                    return execute(moved, context, now); // dispatch to the new cluster now, as after admission
                }
                written = moved;
            }
            next = min(next, due.recheckAfter());
        }
        if (written.getStatus().getPhase().isFinished()) {
            // Come back when ttlAfterFinished expires.
            next = RemoteCleanup.expiry(written).map(at -> Duration.between(now, at).plusSeconds(1));
        }
        return next.map(d -> UpdateControl.<BenchmarkRun>noUpdate().rescheduleAfter(positive(d)))
                .orElseGet(UpdateControl::noUpdate);
    }

    private UpdateControl<BenchmarkRun> afterFinish(BenchmarkRun stored, Instant now, Context<BenchmarkRun> context) {
        // Finished before it could be compared (e.g. by an operator without comparisons): compare now.
        BenchmarkRun run = !RunComparisonStep.due(stored, stored.getStatus()) ? stored
                : write(stored, new RunObservations(stored.getMetadata().getGeneration(), now, null, null, null, null, null,
                        null), List.of(), List.of(), context);
        Instant expiry = RemoteCleanup.expiry(run).orElse(now);
        if (now.isBefore(expiry)) {
            // Orphans of a re-dispatch go as soon as their cluster is back, not with the TTL.
            Duration untilExpiry = Duration.between(now, expiry).plusSeconds(1);
            return UpdateControl.<BenchmarkRun>noUpdate().rescheduleAfter(min(Optional.of(untilExpiry), collectOrphans(run)).get());
        }
        RemoteCleanup.Outcome done = cleanup.afterTtl(run, hubIdentity.id());
        done.deleted().forEach(cluster -> events.record(run, RunEvents.NORMAL, "RemoteObjectsDeleted",
                "ttlAfterFinished expired: Jobs, pods and budgets deleted in " + cluster
                        + (RemoteCleanup.keepFailed(run.getSpec()) ? " (failed jobs kept: spec.cleanup.keepFailed)" : "")));
        return done.waitingOn().isEmpty() ? UpdateControl.noUpdate()
                : UpdateControl.<BenchmarkRun>noUpdate().rescheduleAfter(config.run().cleanupRetry());
    }

    @Override
    public DeleteControl cleanup(BenchmarkRun run, Context<BenchmarkRun> context) {
        gate.release(run.getMetadata().getUid());
        executor.forget(run.getMetadata().getUid());
        RemoteCleanup.Outcome outcome = cleanup.onDelete(run);
        if (!outcome.waitingOn().isEmpty()) {
            Instant deleting = run.getMetadata().getDeletionTimestamp() == null ? Instant.now()
                    : Instant.parse(run.getMetadata().getDeletionTimestamp());
            if (Instant.now().isBefore(deleting.plus(config.unreachableDeadline()))) {
                LOG.debugf("run %s/%s: remote cleanup pending in %s", run.getMetadata().getNamespace(),
                        run.getMetadata().getName(), outcome.waitingOn());
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.run().deletionRetry().toMillis());
            }
            events.record(run, RunEvents.WARNING, "RemoteCleanupAbandoned", "could not delete remote objects in "
                    + String.join(", ", outcome.waitingOn()) + " within " + config.unreachableDeadline().toSeconds()
                    + "s; the MemberCluster probe deletes them when the cluster is reachable again");
        }
        if (holdsOrAwaitsRoom(run)) {
            waitingRuns.wake();
        }
        return DeleteControl.defaultDelete();
    }

    /**
     * The last error reaches status (Ready=False, ReconcileError) unless it was a write conflict,
     * which only means the reconcile's view was stale: it is simply redone.
     */
    @Override
    public ErrorStatusUpdateControl<BenchmarkRun> updateErrorStatus(BenchmarkRun run, Context<BenchmarkRun> context,
            Exception e) {
        return ReconcileErrors.statusUpdate(run, e, Instant.now());
    }

    /**
     * Moves due Lost jobs (spec.placement.failover) through the admission gate, one lost cluster at a
     * time, and records the moves, waits or refusals in one status write (Event Redispatched per move).
     */
    private BenchmarkRun redispatch(BenchmarkRun run, Failover.Due due, Context<BenchmarkRun> context, Instant now) {
        Map<String, MemberCluster> members = memberClusters.list()
                .collect(Collectors.toMap(mc -> mc.getMetadata().getName(), mc -> mc));
        Set<String> own = new LinkedHashSet<>(Placement.assignedClusters(run));
        run.getStatus().getJobs().forEach(j -> own.add(j.getCluster()));
        Assignment assignment = run.getStatus().getAssignment();
        List<RunObservations.JobObservation> jobs = new ArrayList<>();
        List<RunExecutor.Note> notes = new ArrayList<>();
        for (Map.Entry<String, List<JobStatus>> lost : due.lostByCluster().entrySet()) {
            Redispatch answer = gate.redispatch(run, assignment.getClusters(), lost.getKey(), own,
                    context.getPrimaryCache().list().toList(), members.values(), now);
            if (answer instanceof Redispatch.Target target) {
                assignment = Failover.moved(assignment, lost.getKey(), target.cluster());
                own.add(target.cluster());
                jobs.addAll(Failover.moveObservations(lost.getValue(), target.cluster(), now));
                notes.add(new RunExecutor.Note(RunEvents.NORMAL, ConditionReasons.REDISPATCHED, "Go "
                        + lost.getValue().stream().map(JobStatus::getGoVersion).collect(Collectors.joining(", "))
                        + " lost on unreachable cluster " + lost.getKey() + " re-dispatched to " + target.cluster()
                        + " (spec.placement.failover)"));
            } else if (answer instanceof Redispatch.Wait wait) {
                jobs.addAll(Failover.waiting(lost.getValue(), wait.message()));
            } else {
                jobs.addAll(Failover.givenUp(lost.getValue(), ((Redispatch.Impossible) answer).message()));
            }
        }
        RunObservations observations = new RunObservations(run.getMetadata().getGeneration(), now, null, null, null,
                assignment == run.getStatus().getAssignment() ? null : assignment, jobs, null);
        try {
            return write(run, observations, notes, List.of(), context);
        } catch (RuntimeException e) {
            gate.release(run.getMetadata().getUid()); // the move was not recorded: it is decided again
            throw e;
        }
    }

    /** Deletes orphans of re-dispatched jobs; when a cluster could not be cleaned, when to try again. */
    private Optional<Duration> collectOrphans(BenchmarkRun run) {
        RemoteCleanup.Outcome orphans = cleanup.collectOrphans(run, cluster -> memberClusters
                .get(new ResourceID(cluster)).map(Placement::isReady).orElse(false));
        orphans.deleted().forEach(cluster -> events.record(run, RunEvents.NORMAL, "OrphansDeleted", "cluster " + cluster
                + " is reachable again: the Jobs and pods of jobs re-dispatched away from it were deleted"
                + " (never read: their slots belong to the replacement jobs)"));
        return orphans.waitingOn().isEmpty() ? Optional.empty() : Optional.of(config.run().memberRetry());
    }

    private static Optional<Duration> min(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.get().compareTo(b.get()) <= 0 ? a : b;
    }

    // ------------------------------------------------------------------------------------- writing

    private BenchmarkRun write(BenchmarkRun run, RunObservations observations, List<RunExecutor.Note> notes,
            List<RunExecutor.Collected> collected, Context<BenchmarkRun> context) {
        BenchmarkRunStatus old = run.getStatus() == null ? new BenchmarkRunStatus() : run.getStatus();
        RunStatusAggregator.Result result = comparisons.apply(run,
                aggregator.aggregate(old, observations, Failover.after(run.getSpec()).isPresent()), observations.now());
        return new StatusCommit((r, status) -> StatusWriter.write(r, status, context),
                new RunSideEffects(events, metrics, policy, waitingRuns)).commit(run, old, result, notes, collected);
    }

    private static RunObservations admissionObservations(BenchmarkRun run, Admission admission, Instant now) {
        long gen = run.getMetadata().getGeneration();
        if (admission instanceof Admission.Invalid invalid) {
            return new RunObservations(gen, now, invalid.message(), null, null, null, null, null);
        }
        if (admission instanceof Admission.Waiting waiting) {
            return new RunObservations(gen, now, null, null, waiting.outcome(), null, null, null);
        }
        if (admission instanceof Admission.Denied denied) {
            List<PolicyViolation> violations = denied.violations().stream()
                    .map(v -> new PolicyViolation(v.rule(), v.field(), v.message())).toList();
            return new RunObservations(gen, now, null, new RunObservations.Admission(PolicyDecision.Denied, violations,
                    denied.revision(), null), null, null, null, null);
        }
        if (admission instanceof Admission.Unavailable unavailable) {
            return new RunObservations(gen, now, null, new RunObservations.Admission(PolicyDecision.Unavailable, null,
                    null, unavailable.message()), unavailable.proposal(), null, null, null);
        }
        Admission.Admitted admitted = (Admission.Admitted) admission;
        RunObservations.Admission decision = admitted.revision() == null
                ? new RunObservations.Admission(PolicyDecision.Disabled, null, null, null)
                : new RunObservations.Admission(PolicyDecision.Allowed, null, admitted.revision(), null);
        List<RunObservations.JobObservation> jobs = new ArrayList<>();
        for (String cluster : admitted.assignment().getClusters()) {
            for (String gv : admitted.assignment().getGoVersions()) {
                jobs.add(new RunObservations.JobObservation(cluster, gv, JobPhase.Pending, null, null, null, null, null,
                        null, null, null, null, null, null));
            }
        }
        return new RunObservations(gen, now, null, decision, admitted.proposal(), admitted.assignment(), jobs, null);
    }

    // ------------------------------------------------------------------------------------- helpers

    private DispatchSettings dispatchSettings() {
        return new DispatchSettings(hubIdentity.id(), config.imageRepository(), new Quantity(config.workload().cpu()),
                new Quantity(config.workload().memory()));
    }

    /** A namespace's labels for the policy input (the chart grants get on namespaces, not list). */
    private Map<String, String> namespaceLabels(String name) {
        Namespace ns = hub.namespaces().withName(name).get();
        return ns == null || ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
    }

    private static boolean holdsOrAwaitsRoom(BenchmarkRun run) {
        return run.getStatus() == null || run.getStatus().getPhase() == null || !run.getStatus().getPhase().isFinished();
    }

    private static Duration positive(Duration d) {
        return d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "mapbench-cluster-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @PreDestroy
    void shutdown() {
        events.close();
        clusterPool.shutdownNow();
    }
}
