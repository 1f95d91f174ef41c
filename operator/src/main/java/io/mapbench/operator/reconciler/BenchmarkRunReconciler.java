package io.mapbench.operator.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.ConfigMap;
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
import io.mapbench.operator.remote.HubIdentity;
import io.mapbench.operator.remote.RemoteClusterGateway;
import io.mapbench.operator.results.ClaimEntries;
import io.mapbench.operator.results.ResultReader;
import io.mapbench.operator.results.ResultSchema;
import io.mapbench.operator.work.GoDuration;

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
    private final AdmissionGate gate = new AdmissionGate();
    private final GoVersionResolver goVersions;
    private final ResultCollector collector;
    private final RunEvents events;
    private final PolicyInput policyInput;
    private InformerEventSource<MemberCluster, BenchmarkRun> memberClusters;
    private InformerEventSource<ConfigMap, BenchmarkRun> policyConfigMaps;

    @Inject
    public BenchmarkRunReconciler(RemoteClusterGateway gateway, HubIdentity hubIdentity, MapbenchConfig config,
            KubernetesClient hub) {
        this.gateway = gateway;
        this.hubIdentity = hubIdentity;
        this.config = config;
        this.hub = hub;
        this.goVersions = new GoVersionResolver(config.goVersions());
        this.collector = new ResultCollector(gateway, hub,
                new ResultReader(ResultSchema.bundled(), config.resultSizeLimit().asLongValue()));
        this.events = new RunEvents(hub);
        this.policyInput = new PolicyInput(hub);
    }

    @Override
    public List<EventSource<?, BenchmarkRun>> prepareEventSources(EventSourceContext<BenchmarkRun> context) {
        // MemberCluster changes (Ready flips, new clusters, labels) re-evaluate every run that waits
        // for placement and every run assigned to that cluster (Lost deadlines, reconnects).
        memberClusters = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(MemberCluster.class, BenchmarkRun.class)
                .withName("memberclusters")
                .withSecondaryToPrimaryMapper(mc -> context.getPrimaryCache().list()
                        .filter(run -> unassigned(run) || Placement.assignedClusters(run).contains(mc.getMetadata().getName()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build(), context);
        // A new, fixed or removed policy re-judges every run that has not been admitted yet.
        policyConfigMaps = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(ConfigMap.class, BenchmarkRun.class)
                .withName("policy-configmaps")
                .withNamespaces(Set.of(config.operatorNamespace()))
                .withLabelSelector(AdmissionGate.POLICY_LABEL)
                .withSecondaryToPrimaryMapper(cm -> context.getPrimaryCache().list()
                        .filter(BenchmarkRunReconciler::unassigned)
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build(), context);
        return List.of(memberClusters, policyConfigMaps, new RemoteRunEventSource(gateway));
    }

    @Override
    public UpdateControl<BenchmarkRun> reconcile(BenchmarkRun run, Context<BenchmarkRun> context) {
        BenchmarkRunStatus old = run.getStatus() == null ? new BenchmarkRunStatus() : run.getStatus();
        BenchmarkRunStatus status = hub.getKubernetesSerialization().clone(old);
        status.setObservedGeneration(run.getMetadata().getGeneration());
        Instant now = Instant.now();
        Step step;
        if (status.getAssignment() == null) {
            step = admit(run, status, context, now);
        } else if (status.getPhase() != null && status.getPhase().isFinished()) {
            step = afterFinish(run, status, now);
        } else {
            step = progress(run, status, now);
        }
        return finish(run, old, status, step);
    }

    // ---------------------------------------------------------------------------------- admission

    private Step admit(BenchmarkRun run, BenchmarkRunStatus status, Context<BenchmarkRun> context, Instant now) {
        Long gen = run.getMetadata().getGeneration();
        List<String> resolved = new ArrayList<>();
        List<String> requested = run.getSpec().getGoVersions();
        for (int i = 0; i < requested.size(); i++) {
            Optional<String> r = goVersions.resolve(requested.get(i));
            if (r.isEmpty()) {
                status.setPhase(RunPhase.Pending);
                RunConditions.set(status, ConditionTypes.ADMITTED, ConditionStatus.False, ConditionReasons.INVALID_SPEC,
                        "spec.goVersions[" + i + "]: '" + requested.get(i) + "' is not supported; supported: "
                                + String.join(", ", goVersions.supported()) + " (or their 1.N prefixes)", gen, now);
                return Step.done();
            }
            resolved.add(r.get());
        }

        List<MemberCluster> clusters = memberClusters.list().toList();
        List<BenchmarkRun> runs = context.getPrimaryCache().list().toList();
        var outcome = Placement.propose(run, clusters, runs);
        if (!(outcome instanceof io.mapbench.operator.placement.PlacementOutcome.Assigned assigned)) {
            status.setPhase(RunPhase.Pending);
            RunConditions.set(status, ConditionTypes.SCHEDULED, ConditionStatus.False, outcome.reason(),
                    outcome.message(), gen, now);
            // NoMatchingCluster waits for a MemberCluster event; capacity is freed by other runs finishing.
            return ConditionReasons.WAITING_FOR_CAPACITY.equals(outcome.reason()) ? Step.after(WAITING_RECHECK)
                    : Step.done();
        }

        AdmissionGate.Outcome decision;
        if (!config.policy().enabled()) {
            decision = null;
        } else {
            decision = gate.decide(policyConfigMaps.list().toList(),
                    policyInput.build(run, assigned.clusters(), clusters, runs));
        }
        PolicyOutcomes.apply(status, decision, gen, now);
        if (decision instanceof AdmissionGate.Outcome.Denied denied) {
            status.setPhase(RunPhase.Denied);
            return Step.done().withEvent(RunEvents.WARNING, ConditionReasons.POLICY_DENIED,
                    "policy denied the run: " + denied.decision().violations().stream()
                            .map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")))
                    .withDenials(denied.decision().violations().stream().map(v -> v.rule()).toList());
        }
        if (decision instanceof AdmissionGate.Outcome.Unavailable unavailable) {
            status.setPhase(RunPhase.Pending);
            return Step.after(POLICY_RETRY).withEvent(RunEvents.WARNING, ConditionReasons.POLICY_UNAVAILABLE,
                    unavailable.message());
        }

        Assignment assignment = new Assignment();
        assignment.setClusters(new ArrayList<>(assigned.clusters()));
        assignment.setGoVersions(resolved);
        assignment.setAdmittedAt(now.truncatedTo(ChronoUnit.SECONDS).toString());
        status.setAssignment(assignment);
        status.setStartTime(assignment.getAdmittedAt());
        status.setPhase(RunPhase.Scheduled);
        RunConditions.set(status, ConditionTypes.SCHEDULED, ConditionStatus.True, ConditionReasons.ASSIGNED,
                assigned.message() + " with Go " + String.join(", ", resolved), gen, now);
        RunRef ref = RunRef.of(hubIdentity.id(), run);
        List<JobStatus> jobs = new ArrayList<>();
        for (String cluster : assignment.getClusters()) {
            for (String gv : resolved) {
                JobStatus j = new JobStatus();
                j.setCluster(cluster);
                j.setGoVersion(gv);
                j.setPhase(JobPhase.Pending);
                j.setJobName(RemoteNames.jobName(ref, cluster, gv));
                jobs.add(j);
            }
        }
        status.setJobs(jobs);
        RunConditions.summarize(status, gen, now);
        // Dispatch in the next reconcile, after the assignment is stored: a crash in between can
        // then never dispatch an assignment the hub does not know about.
        return Step.after(Duration.ofMillis(50)).withEvent(RunEvents.NORMAL, "Scheduled",
                "admitted (" + status.getPolicy().getDecision() + ") and placed on " + String.join(", ", assignment.getClusters())
                        + " with Go " + String.join(", ", resolved));
    }

    static boolean unassigned(BenchmarkRun run) {
        return run.getStatus() == null || run.getStatus().getAssignment() == null;
    }

    // --------------------------------------------------------------------------- dispatch + watch

    private Step progress(BenchmarkRun run, BenchmarkRunStatus status, Instant now) {
        String hubId = hubIdentity.id();
        RunRef ref = RunRef.of(hubId, run);
        String uid = run.getMetadata().getUid();
        Long gen = run.getMetadata().getGeneration();
        Map<String, MemberCluster> clusters = memberClusters.list()
                .collect(Collectors.toMap(mc -> mc.getMetadata().getName(), mc -> mc));
        DispatchSettings settings = new DispatchSettings(hubId, config.imageRepository(),
                new Quantity(config.workload().cpu()), new Quantity(config.workload().memory()));
        Map<String, JobStatus> previous = new HashMap<>();
        status.getJobs().forEach(j -> previous.put(j.getCluster() + "/" + j.getGoVersion(), j));
        List<JobStatus> jobs = new ArrayList<>();
        Step step = Step.done();

        for (String cluster : status.getAssignment().getClusters()) {
            MemberCluster mc = clusters.get(cluster);
            List<JobStatus> olds = status.getAssignment().getGoVersions().stream()
                    .map(gv -> previous.getOrDefault(cluster + "/" + gv, pending(ref, cluster, gv))).toList();
            boolean wasAllDone = olds.stream().allMatch(j -> j.getPhase() != null && j.getPhase().isFinished());
            if (mc == null || !RunConditions.isReady(mc) || !gateway.isSynced(cluster)) {
                Instant since = RunConditions.notReadySince(mc, now);
                Instant lostAt = since.plus(config.unreachableDeadline());
                for (JobStatus j : olds) {
                    JobStatus next = JobObserver.copy(j);
                    if (!j.getPhase().isFinished()) {
                        if (!now.isBefore(lostAt)) {
                            next.setPhase(JobPhase.Lost);
                            next.setCompletionTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
                            next.setMessage("member cluster " + cluster + " unreachable since " + since.truncatedTo(
                                    ChronoUnit.SECONDS) + " (longer than " + config.unreachableDeadline().toSeconds() + "s)");
                        } else {
                            step = step.atMost(Duration.between(now, lostAt).plusSeconds(1));
                        }
                    }
                    jobs.add(next);
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
                    collect(run, status, next, cluster, pods, hubId);
                    if (next.getPhase().isFinished()) {
                        step = step.withEvent(next.getPhase() == JobPhase.Succeeded ? RunEvents.NORMAL : RunEvents.WARNING,
                                "Job" + next.getPhase(), cluster + " Go " + next.getGoVersion() + ": "
                                        + (next.getResultName() != null ? "result " + next.getResultName() : next.getMessage()));
                    }
                } else if (next.getPhase().isFinished()) {
                    step = step.withEvent(RunEvents.WARNING, "Job" + next.getPhase(),
                            cluster + " Go " + next.getGoVersion() + ": " + next.getMessage());
                }
                now_.add(next);
            }
            if (dispatched) {
                DisruptionBudgetBuilder.build(run, mc, olds.size(), settings).ifPresent(pdb -> gateway.apply(cluster, pdb));
                step = step.withEvent(RunEvents.NORMAL, "Dispatched", "Jobs, record ConfigMaps and budget applied in "
                        + cluster);
            }
            boolean allDone = now_.stream().allMatch(j -> j.getPhase().isFinished());
            if (allDone && !wasAllDone) {
                // The cluster's benchmark pods have ended: its budget must not block node drains any longer.
                gateway.deleteBudgets(cluster, uid);
            }
            jobs.addAll(now_);
        }
        status.setJobs(jobs);
        RunConditions.summarize(status, gen, now);
        if (status.getPhase().isFinished()) {
            step = step.withEvent(status.getPhase() == RunPhase.Succeeded ? RunEvents.NORMAL : RunEvents.WARNING,
                    "Run" + status.getPhase(), status.getJobsSummary())
                    .atMost(ttl(run).isZero() ? Duration.ofMillis(50) : ttl(run));
        }
        return step;
    }

    private void collect(BenchmarkRun run, BenchmarkRunStatus status, JobStatus job, String cluster, List<Pod> pods,
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
            status.setClaims(ClaimEntries.merge(status.getClaims(), cluster, job.getGoVersion(), c.document().claims()));
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
            return Step.after(Duration.between(now, expiry).plusSeconds(1));
        }
        String uid = run.getMetadata().getUid();
        Step step = Step.done();
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

    private UpdateControl<BenchmarkRun> finish(BenchmarkRun run, BenchmarkRunStatus old, BenchmarkRunStatus status,
            Step step) {
        step.events().forEach(e -> events.record(run, e.type(), e.reason(), e.message()));
        boolean changed = !hub.getKubernetesSerialization().asJson(old)
                .equals(hub.getKubernetesSerialization().asJson(status));
        UpdateControl<BenchmarkRun> control;
        if (changed) {
            run.setStatus(status);
            control = UpdateControl.patchStatus(run);
        } else {
            control = UpdateControl.noUpdate();
        }
        step.reschedule().ifPresent(d -> control.rescheduleAfter(d.toMillis()));
        return control;
    }

    /** What a reconcile decided besides the status: when to look again, which Events to record. */
    record Step(Optional<Duration> reschedule, List<RunEvent> events, List<String> denials) {
        static Step done() {
            return new Step(Optional.empty(), List.of(), List.of());
        }

        static Step after(Duration d) {
            return done().atMost(d);
        }

        Step atMost(Duration d) {
            Duration next = reschedule.map(r -> r.compareTo(d) < 0 ? r : d).orElse(d);
            return new Step(Optional.of(next), events, denials);
        }

        Step withEvent(String type, String reason, String message) {
            List<RunEvent> all = new ArrayList<>(events);
            all.add(new RunEvent(type, reason, message));
            return new Step(reschedule, all, denials);
        }

        Step withDenials(List<String> rules) {
            return new Step(reschedule, events, rules);
        }
    }

    record RunEvent(String type, String reason, String message) {
    }
}
