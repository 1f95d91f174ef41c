package io.mapbench.operator.reconciler;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import io.fabric8.kubernetes.client.KubernetesClientException;
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
import io.mapbench.operator.admission.RunValidation;
import io.mapbench.operator.admission.WaitingRunsTrigger;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.ClaimStatus;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.PolicyDecision;
import io.mapbench.operator.api.v1alpha1.PolicyViolation;
import io.mapbench.operator.cleanup.RemoteCleanup;
import io.mapbench.operator.config.GoVersionResolver;
import io.mapbench.operator.config.MapbenchConfig;
import io.mapbench.operator.dependent.DispatchSettings;
import io.mapbench.operator.execution.RemoteRunEventSource;
import io.mapbench.operator.execution.RunExecutor;
import io.mapbench.operator.metrics.MapbenchMetrics;
import io.mapbench.operator.placement.Placement;
import io.mapbench.operator.policy.PolicyEventSource;
import io.mapbench.operator.policy.PolicyStore;
import io.mapbench.operator.remote.HubIdentity;
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
 * (Events, counters, result gauges, waking waiting runs) carried out by {@link RunSideEffects}, so a
 * conflicting write never repeats them. Never waits inside a reconcile: member, policy, remote and
 * queue events (and rescheduleAfter for deadlines) bring it back.
 */
@ControllerConfiguration(name = BenchmarkRunReconciler.NAME)
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
    private final MapbenchMetrics metrics;
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
                        .filter(run -> AdmissionQueue.isWaiting(run) || activeOn(run, mc.getMetadata().getName()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build(), context);
        // A new, fixed or removed policy re-judges every run still waiting for admission.
        PolicyEventSource policyChanges = new PolicyEventSource(policy, () -> context.getPrimaryCache().list()
                .filter(AdmissionQueue::isWaiting)
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet()));
        waitingRuns = new WaitingRunsTrigger(() -> context.getPrimaryCache().list());
        metrics.countRunsFrom(() -> context.getPrimaryCache().list().toList());
        return List.of(memberClusters, policyChanges, new RemoteRunEventSource(gateway), waitingRuns);
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
            return afterFinish(run, now);
        }
        if (status == null || status.getAssignment() == null) {
            Admission admission = gate.decide(run, context.getPrimaryCache().list().toList(), memberClusters.list().toList(),
                    now);
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
        Optional<Duration> next = outcome.recheckAfter();
        if (written.getStatus().getPhase().isFinished()) {
            // Come back when ttlAfterFinished expires.
            next = RemoteCleanup.expiry(written).map(at -> Duration.between(now, at).plusSeconds(1));
        }
        return next.map(d -> UpdateControl.<BenchmarkRun>noUpdate().rescheduleAfter(positive(d)))
                .orElseGet(UpdateControl::noUpdate);
    }

    private UpdateControl<BenchmarkRun> afterFinish(BenchmarkRun run, Instant now) {
        Instant expiry = RemoteCleanup.expiry(run).orElse(now);
        if (now.isBefore(expiry)) {
            return UpdateControl.<BenchmarkRun>noUpdate().rescheduleAfter(Duration.between(now, expiry).plusSeconds(1));
        }
        RemoteCleanup.Outcome done = cleanup.afterTtl(run, hubIdentity.id());
        done.deleted().forEach(cluster -> events.record(run, RunEvents.NORMAL, "RemoteObjectsDeleted",
                "ttlAfterFinished expired: Jobs, pods and ConfigMaps deleted in " + cluster
                        + (RemoteCleanup.keepFailed(run.getSpec()) ? " (failed jobs kept: spec.cleanup.keepFailed)" : "")));
        return done.waitingOn().isEmpty() ? UpdateControl.noUpdate()
                : UpdateControl.<BenchmarkRun>noUpdate().rescheduleAfter(config.run().cleanupRetry());
    }

    @Override
    public DeleteControl cleanup(BenchmarkRun run, Context<BenchmarkRun> context) {
        metrics.removeRun(run.getMetadata().getNamespace(), run.getMetadata().getName());
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
        if (isConflict(e) || run.getStatus() == null) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        return ErrorStatusUpdateControl.patchStatus(ReconcileErrors.withError(run, e, Instant.now()));
    }

    // ------------------------------------------------------------------------------------- writing

    private BenchmarkRun write(BenchmarkRun run, RunObservations observations, List<RunExecutor.Note> notes,
            List<RunExecutor.Collected> collected, Context<BenchmarkRun> context) {
        BenchmarkRunStatus old = run.getStatus() == null ? new BenchmarkRunStatus() : run.getStatus();
        RunStatusAggregator.Result result = aggregator.aggregate(old, observations);
        if (!result.changed()) {
            return run;
        }
        BenchmarkRun written = StatusWriter.write(run, result.status(), context);
        new RunSideEffects(events, metrics, policy, waitingRuns).afterWrite(written, old, result, notes, collected);
        return written;
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

    private static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return true;
            }
        }
        return false;
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
