package io.mapbench.operator.status;

import static io.mapbench.operator.api.v1alpha1.ConditionStatus.False;
import static io.mapbench.operator.api.v1alpha1.ConditionStatus.True;
import static io.mapbench.operator.api.v1alpha1.ConditionStatus.Unknown;

import io.mapbench.operator.api.v1alpha1.Assignment;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.api.v1alpha1.PolicyDecision;
import io.mapbench.operator.api.v1alpha1.PolicyStatus;
import io.mapbench.operator.api.v1alpha1.PolicyViolation;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.execution.Failover;
import io.mapbench.operator.placement.PlacementOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pure status aggregator of a BenchmarkRun (docs/CONVENTIONS.md §5-6, Keycloak's
 * KeycloakStatusAggregator): old status + observations in, new status + the transitions to emit
 * Events for out. No clock and no client inside: {@link RunObservations#now()} is the time.
 *
 * <p>Rules: conditions come in the fixed order Admitted, Scheduled, Completed, Ready, Degraded and
 * keep their lastTransitionTime while their status does not change; finished job phases and a
 * finished run phase never change back; a job whose cluster has been unreachable for longer than
 * the deadline becomes Lost; the run is Succeeded when every job succeeded, PartiallySucceeded
 * when at least one did, otherwise Failed.
 */
public final class RunStatusAggregator {
    static final List<String> CONDITION_ORDER = List.of(ConditionTypes.ADMITTED, ConditionTypes.SCHEDULED,
            ConditionTypes.COMPLETED, ConditionTypes.READY, ConditionTypes.DEGRADED);

    private final Duration unreachableDeadline;

    /** @param unreachableDeadline how long a member may be unreachable before its unfinished jobs are Lost */
    public RunStatusAggregator(Duration unreachableDeadline) {
        this.unreachableDeadline = Objects.requireNonNull(unreachableDeadline, "unreachableDeadline");
    }

    /** The new status and what changed. {@code changed} is false when writing it would be a no-op. */
    public record Result(BenchmarkRunStatus status, List<StatusTransition> transitions, boolean changed) {
    }

    public Result aggregate(BenchmarkRunStatus previous, RunObservations obs) {
        return aggregate(previous, obs, false);
    }

    /**
     * @param failover the run has spec.placement.failover: a Lost job that may still be re-dispatched
     *                 keeps the run from finishing
     */
    public Result aggregate(BenchmarkRunStatus previous, RunObservations obs, boolean failover) {
        BenchmarkRunStatus old = previous == null ? new BenchmarkRunStatus() : previous;
        String now = obs.now().toString();
        List<StatusTransition> transitions = new ArrayList<>();

        BenchmarkRunStatus next = new BenchmarkRunStatus();
        next.setObservedGeneration(obs.generation());
        Assignment assignment = obs.assignment() != null ? obs.assignment() : old.getAssignment();
        next.setAssignment(assignment);
        next.setPolicy(policy(old.getPolicy(), obs, now));
        next.setClaims(obs.claims() != null ? List.copyOf(obs.claims()) : copyList(old.getClaims()));

        List<JobStatus> jobs = assignment == null ? List.of() : jobs(old.getJobs(), assignment, obs, transitions);
        next.setJobs(new ArrayList<>(jobs));
        next.setJobsSummary(assignment == null ? null : summary(Failover.counted(jobs)));

        Facts facts = new Facts(obs, assignment, Failover.counted(jobs), jobs.stream().anyMatch(j -> Failover.pending(j, jobs, failover)));
        RunPhase phase = phase(old.getPhase(), facts);
        next.setPhase(phase);
        next.setStartTime(old.getStartTime() != null ? old.getStartTime()
                : assignment == null ? null : assignment.getAdmittedAt() != null ? assignment.getAdmittedAt() : now);
        next.setCompletionTime(old.getCompletionTime() != null ? old.getCompletionTime()
                : phase.isFinished() ? latestCompletion(jobs, now) : null);

        List<Condition> desired = List.of(
                admitted(facts, old),
                scheduled(facts),
                completed(facts, phase),
                ready(facts, phase),
                degraded(facts.jobs()));
        next.setConditions(mergeConditions(old.getConditions(), desired, obs.generation(), now, transitions));
        // Written once when the run finished (reconciler's RunComparisonStep); later reconciles keep them.
        next.setComparison(old.getComparison());
        Condition regressed = find(old.getConditions(), ConditionTypes.REGRESSED);
        if (regressed != null) {
            next.getConditions().add(new Condition(regressed.getType(), regressed.getStatus(), regressed.getReason(),
                    regressed.getMessage(), obs.generation(), regressed.getLastTransitionTime()));
        }

        if (old.getPhase() != phase) {
            transitions.add(0, new StatusTransition("phase", old.getPhase() == null ? null : old.getPhase().name(),
                    phase.name(), phaseReason(facts, phase), phaseMessage(facts, phase),
                    phase == RunPhase.Denied || phase == RunPhase.Failed || phase == RunPhase.PartiallySucceeded));
        }
        return new Result(next, List.copyOf(transitions), !StatusEquality.same(old, next));
    }

    /**
     * Everything the condition and phase rules look at, computed once.
     *
     * @param jobs            the jobs that count (a re-dispatched entry does not: its replacement does)
     * @param failoverPending a Lost job may still be re-dispatched: the run is not finished
     */
    private record Facts(RunObservations obs, Assignment assignment, List<JobStatus> jobs, boolean failoverPending) {
        boolean assigned() {
            return assignment != null && assignment.getClusters() != null && !assignment.getClusters().isEmpty();
        }

        long count(JobPhase phase) {
            return jobs.stream().filter(j -> j.getPhase() == phase).count();
        }

        boolean allFinished() {
            return !jobs.isEmpty() && jobs.stream().allMatch(j -> j.getPhase() != null && j.getPhase().isFinished());
        }

        PolicyDecision decision() {
            return obs.admission() == null ? null : obs.admission().decision();
        }
    }

    // ---- phase ---------------------------------------------------------------------------------

    private static RunPhase phase(RunPhase old, Facts f) {
        if (old != null && old.isFinished()) {
            return old; // a finished run stays finished
        }
        if (!f.assigned()) {
            // An invalid spec is refused like a policy denial: nothing waits for it, the user edits the spec.
            return f.decision() == PolicyDecision.Denied || f.obs().invalidSpec() != null ? RunPhase.Denied : RunPhase.Pending;
        }
        if (f.allFinished() && !f.failoverPending()) {
            long succeeded = f.count(JobPhase.Succeeded);
            return succeeded == f.jobs().size() ? RunPhase.Succeeded
                    : succeeded > 0 ? RunPhase.PartiallySucceeded : RunPhase.Failed;
        }
        boolean started = f.jobs().stream().anyMatch(j -> j.getPhase() != JobPhase.Pending);
        return started ? RunPhase.Running : RunPhase.Scheduled;
    }

    private static String phaseReason(Facts f, RunPhase phase) {
        return switch (phase) {
            case Pending -> f.obs().invalidSpec() != null ? ConditionReasons.INVALID_SPEC : pendingReason(f);
            case Denied -> f.obs().invalidSpec() != null ? ConditionReasons.INVALID_SPEC : ConditionReasons.POLICY_DENIED;
            case Scheduled -> StatusReasons.JOBS_PENDING;
            case Running -> ConditionReasons.JOBS_RUNNING;
            case Succeeded -> ConditionReasons.ALL_JOBS_SUCCEEDED;
            case PartiallySucceeded -> ConditionReasons.SOME_JOBS_FAILED;
            case Failed -> ConditionReasons.ALL_JOBS_FAILED;
        };
    }

    private static String phaseMessage(Facts f, RunPhase phase) {
        return switch (phase) {
            case Pending -> f.obs().invalidSpec() != null ? f.obs().invalidSpec() : pendingMessage(f);
            case Denied -> f.obs().invalidSpec() != null ? f.obs().invalidSpec() : violations(f.obs().admission().violations());
            default -> f.assigned() ? summary(f.jobs()) : "";
        };
    }

    private static String pendingReason(Facts f) {
        PlacementOutcome p = f.obs().placement();
        if (p == null) {
            return StatusReasons.AWAITING_PLACEMENT;
        }
        if (p instanceof PlacementOutcome.Assigned) {
            PolicyDecision d = f.decision();
            return d == PolicyDecision.Unavailable ? ConditionReasons.POLICY_UNAVAILABLE : StatusReasons.AWAITING_ADMISSION;
        }
        return p.reason();
    }

    private static String pendingMessage(Facts f) {
        PlacementOutcome p = f.obs().placement();
        if (p == null) {
            return "waiting for placement";
        }
        if (p instanceof PlacementOutcome.Assigned && f.obs().admission() != null
                && f.obs().admission().decision() == PolicyDecision.Unavailable) {
            return "policy unavailable, nothing is created until it can judge the run: " + nullToEmpty(f.obs().admission().message());
        }
        if (p instanceof PlacementOutcome.Assigned) {
            return "proposed " + String.join(", ", ((PlacementOutcome.Assigned) p).clusters()) + "; waiting for admission";
        }
        return p.message();
    }

    // ---- conditions ----------------------------------------------------------------------------

    private static Condition admitted(Facts f, BenchmarkRunStatus old) {
        if (f.obs().invalidSpec() != null && !f.assigned()) {
            return condition(ConditionTypes.ADMITTED, False, ConditionReasons.INVALID_SPEC, f.obs().invalidSpec());
        }
        RunObservations.Admission a = f.obs().admission();
        if (a == null) {
            if (f.assigned()) {
                // Admitted earlier; keep what was recorded then.
                Condition kept = find(old.getConditions(), ConditionTypes.ADMITTED);
                return kept != null ? condition(ConditionTypes.ADMITTED, kept.getStatus(), kept.getReason(), kept.getMessage())
                        : condition(ConditionTypes.ADMITTED, True, ConditionReasons.POLICY_ALLOWED, "admitted");
            }
            return condition(ConditionTypes.ADMITTED, Unknown, pendingReason(f), pendingMessage(f));
        }
        return switch (a.decision()) {
            case Allowed -> condition(ConditionTypes.ADMITTED, True, ConditionReasons.POLICY_ALLOWED,
                    "the admission policy allowed the run" + revision(a));
            case Disabled -> condition(ConditionTypes.ADMITTED, True, ConditionReasons.POLICY_DISABLED,
                    "admitted without policy evaluation (mapbench.policy.enabled=false)");
            case Denied -> condition(ConditionTypes.ADMITTED, False, ConditionReasons.POLICY_DENIED, violations(a.violations()));
            case Unavailable -> condition(ConditionTypes.ADMITTED, Unknown, ConditionReasons.POLICY_UNAVAILABLE,
                    "policy unavailable, nothing is created until it can judge the run: " + nullToEmpty(a.message()));
        };
    }

    private static Condition scheduled(Facts f) {
        if (f.assigned()) {
            Assignment a = f.assignment();
            return condition(ConditionTypes.SCHEDULED, True, ConditionReasons.ASSIGNED, "placed on "
                    + String.join(", ", a.getClusters()) + " with Go " + String.join(", ", a.getGoVersions()));
        }
        if (f.obs().invalidSpec() != null) {
            return condition(ConditionTypes.SCHEDULED, False, ConditionReasons.INVALID_SPEC, f.obs().invalidSpec());
        }
        PlacementOutcome p = f.obs().placement();
        if (p == null) {
            return condition(ConditionTypes.SCHEDULED, Unknown, StatusReasons.AWAITING_PLACEMENT, "waiting for placement");
        }
        if (p instanceof PlacementOutcome.Assigned) {
            PolicyDecision d = f.decision();
            if (d == PolicyDecision.Denied) {
                return condition(ConditionTypes.SCHEDULED, False, ConditionReasons.POLICY_DENIED,
                        "the proposed placement (" + String.join(", ", ((PlacementOutcome.Assigned) p).clusters()) + ") was denied");
            }
            return condition(ConditionTypes.SCHEDULED, Unknown, pendingReason(f), pendingMessage(f));
        }
        return condition(ConditionTypes.SCHEDULED, False, p.reason(), p.message());
    }

    private static Condition completed(Facts f, RunPhase phase) {
        if (phase.isFinished()) {
            return condition(ConditionTypes.COMPLETED, True, phaseReason(f, phase), summary(f.jobs()));
        }
        if (!f.assigned()) {
            return condition(ConditionTypes.COMPLETED, False, phaseReason(f, phase), phaseMessage(f, phase));
        }
        return condition(ConditionTypes.COMPLETED, False, phaseReason(f, phase), summary(f.jobs()));
    }

    private static Condition ready(Facts f, RunPhase phase) {
        ConditionStatus status = phase == RunPhase.Succeeded ? True : False;
        return condition(ConditionTypes.READY, status, phaseReason(f, phase), phaseMessage(f, phase));
    }

    private static Condition degraded(List<JobStatus> jobs) {
        List<JobStatus> bad = jobs.stream().filter(j -> j.getPhase() == JobPhase.Failed || j.getPhase() == JobPhase.TimedOut
                || j.getPhase() == JobPhase.Lost).toList();
        if (bad.isEmpty()) {
            return condition(ConditionTypes.DEGRADED, False, StatusReasons.NO_FAILURES, "no job failed, timed out or was lost");
        }
        String reason = bad.stream().anyMatch(j -> j.getPhase() == JobPhase.Lost) ? ConditionReasons.CLUSTER_LOST
                : bad.stream().anyMatch(j -> j.getPhase() == JobPhase.TimedOut) ? ConditionReasons.JOB_TIMED_OUT
                : bad.stream().map(RunStatusAggregator::jobReason).filter(r -> !ConditionReasons.JOB_FAILED.equals(r))
                        .findFirst().orElse(ConditionReasons.JOB_FAILED);
        String message = bad.stream().map(j -> j.getCluster() + "/" + j.getGoVersion() + " " + j.getPhase()
                + (j.getMessage() == null ? "" : ": " + j.getMessage())).collect(Collectors.joining("; "));
        return condition(ConditionTypes.DEGRADED, True, reason, message);
    }

    /** Fixed order; lastTransitionTime kept while the status stays; transitions for status changes. */
    static List<Condition> mergeConditions(List<Condition> old, List<Condition> desired, long generation, String now,
            List<StatusTransition> transitions) {
        List<Condition> merged = new ArrayList<>();
        for (String type : CONDITION_ORDER) {
            Condition want = find(desired, type);
            if (want == null) {
                continue;
            }
            Condition was = find(old, type);
            boolean sameStatus = was != null && was.getStatus() == want.getStatus();
            merged.add(new Condition(type, want.getStatus(), want.getReason(), want.getMessage(), generation,
                    sameStatus && was.getLastTransitionTime() != null ? was.getLastTransitionTime() : now));
            // A condition's first appearance is no transition: the phase transition tells that story,
            // and a new run would otherwise record five Events at once.
            if (was != null && !sameStatus) {
                boolean warning = (type.equals(ConditionTypes.DEGRADED) && want.getStatus() == True)
                        || (type.equals(ConditionTypes.ADMITTED) && want.getStatus() == False);
                transitions.add(new StatusTransition(type, was.getStatus().name(), want.getStatus().name(),
                        want.getReason(), want.getMessage(), warning));
            }
        }
        return merged;
    }

    // ---- jobs ----------------------------------------------------------------------------------

    private List<JobStatus> jobs(List<JobStatus> oldJobs, Assignment assignment, RunObservations obs,
            List<StatusTransition> transitions) {
        Map<String, JobStatus> before = (oldJobs == null ? List.<JobStatus>of() : oldJobs).stream()
                .collect(Collectors.toMap(j -> key(j.getCluster(), j.getGoVersion()), Function.identity(), (a, b) -> a,
                        LinkedHashMap::new));
        Map<String, RunObservations.JobObservation> seen = obs.jobs().stream()
                .collect(Collectors.toMap(j -> key(j.cluster(), j.goVersion()), Function.identity(), (a, b) -> b));
        // Entries keep their order and are only appended (Failover tells replacements by it): a new
        // assignment's clusters x Go versions, then the recorded ones, then new observations (a
        // re-dispatch's entries in its target cluster).
        Map<String, List<String>> slots = new LinkedHashMap<>();
        if (before.isEmpty()) {
            for (String cluster : assignment.getClusters()) {
                assignment.getGoVersions().forEach(gv -> slots.put(key(cluster, gv), List.of(cluster, gv)));
            }
        }
        before.values().forEach(j -> slots.put(key(j.getCluster(), j.getGoVersion()), List.of(j.getCluster(), j.getGoVersion())));
        obs.jobs().forEach(o -> slots.putIfAbsent(key(o.cluster(), o.goVersion()), List.of(o.cluster(), o.goVersion())));
        List<JobStatus> result = new ArrayList<>();
        for (Map.Entry<String, List<String>> slot : slots.entrySet()) {
            String key = slot.getKey();
            JobStatus was = before.get(key);
            JobStatus now = job(was, seen.get(key), slot.getValue().get(0), slot.getValue().get(1), obs.now());
            result.add(now);
            JobPhase from = was == null ? null : was.getPhase();
            // A job's first appearance as Pending is no transition: the run's phase Event (Scheduled,
            // naming clusters and Go versions) tells it, and a run would otherwise record an Event per job.
            boolean firstPending = from == null && now.getPhase() == JobPhase.Pending;
            if (from != now.getPhase() && !firstPending) {
                boolean warning = now.getPhase() == JobPhase.Failed || now.getPhase() == JobPhase.TimedOut
                        || now.getPhase() == JobPhase.Lost;
                transitions.add(new StatusTransition("job " + key, from == null ? null : from.name(), now.getPhase().name(),
                        jobReason(now), nullToEmpty(now.getMessage()), warning));
            }
        }
        return result;
    }

    private JobStatus job(JobStatus was, RunObservations.JobObservation o, String cluster, String goVersion, Instant now) {
        JobStatus j = was == null ? new JobStatus() : copy(was);
        j.setCluster(cluster);
        j.setGoVersion(goVersion);
        if (j.getPhase() != null && j.getPhase().isFinished()) {
            // Terminal: later observations (TTL deletion, an unreachable cluster) never rewrite it,
            // except to fill in what was not known yet (e.g. the result name) and to record what
            // became of a Lost job (re-dispatched, or why not; a note while it waits for that).
            if (o != null && j.getResultName() == null) {
                j.setResultName(o.resultName());
            }
            if (o != null && j.getPhase() == JobPhase.Lost && ConditionReasons.CLUSTER_LOST.equals(j.getReason())) {
                if (o.phase() == JobPhase.Lost && o.reason() != null) {
                    j.setReason(o.reason());
                }
                if (o.message() != null && (o.phase() == JobPhase.Lost || o.phase() == null)) {
                    j.setMessage(o.message());
                }
            }
            return j;
        }
        if (o != null) {
            j.setJobName(pick(o.jobName(), j.getJobName()));
            j.setJobUid(pick(o.jobUid(), j.getJobUid()));
            j.setNode(pick(o.node(), j.getNode()));
            j.setNodeArch(pick(o.nodeArch(), j.getNodeArch()));
            j.setArch(pick(o.arch(), j.getArch()));
            j.setAttempts(o.attempts() != null ? o.attempts() : j.getAttempts());
            j.setStartTime(pick(o.startTime(), j.getStartTime()));
            j.setCompletionTime(pick(o.completionTime(), j.getCompletionTime()));
            j.setResultName(pick(o.resultName(), j.getResultName()));
            if (o.phase() != null) {
                j.setPhase(o.phase());
                j.setReason(o.reason());
                j.setMessage(o.message());
            } else if (o.message() != null) {
                j.setMessage(o.message());
            }
            if (o.unreachableSince() != null && (j.getPhase() == null || !j.getPhase().isFinished())) {
                Duration down = Duration.between(o.unreachableSince(), now);
                if (down.compareTo(unreachableDeadline) >= 0) {
                    j.setPhase(JobPhase.Lost);
                    j.setReason(ConditionReasons.CLUSTER_LOST);
                    j.setMessage("cluster " + cluster + " unreachable since " + o.unreachableSince()
                            + ", longer than the deadline of " + unreachableDeadline.toSeconds() + "s");
                    j.setCompletionTime(now.toString());
                }
            }
        }
        if (j.getPhase() == null) {
            j.setPhase(JobPhase.Pending);
            if (j.getMessage() == null) {
                j.setMessage("waiting for the Job to be created in " + cluster);
            }
        }
        return j;
    }

    private static String jobReason(JobStatus j) {
        return switch (j.getPhase()) {
            case Pending -> StatusReasons.JOBS_PENDING;
            case Running -> ConditionReasons.JOBS_RUNNING;
            case Succeeded -> ConditionReasons.ALL_JOBS_SUCCEEDED;
            case Failed -> j.getReason() != null ? j.getReason()
                    : nullToEmpty(j.getMessage()).startsWith("result document:") ? ConditionReasons.INVALID_RESULT
                    : ConditionReasons.JOB_FAILED;
            case TimedOut -> ConditionReasons.JOB_TIMED_OUT;
            case Lost -> j.getReason() != null ? j.getReason() : ConditionReasons.CLUSTER_LOST;
        };
    }

    /** "3/4 succeeded", with the other phases named when present: "1/4 succeeded, 2 running, 1 failed". */
    static String summary(List<JobStatus> jobs) {
        StringBuilder s = new StringBuilder();
        long succeeded = jobs.stream().filter(j -> j.getPhase() == JobPhase.Succeeded).count();
        s.append(succeeded).append('/').append(jobs.size()).append(" succeeded");
        for (JobPhase p : JobPhase.values()) {
            if (p == JobPhase.Succeeded) {
                continue;
            }
            long n = jobs.stream().filter(j -> j.getPhase() == p).count();
            if (n > 0) {
                s.append(", ").append(n).append(' ').append(p.name().toLowerCase());
            }
        }
        return s.toString();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static PolicyStatus policy(PolicyStatus old, RunObservations obs, String now) {
        RunObservations.Admission a = obs.admission();
        if (a == null) {
            return old;
        }
        PolicyStatus p = new PolicyStatus();
        p.setDecision(a.decision());
        p.setViolations(new ArrayList<>(a.violations()));
        p.setRevision(a.revision());
        boolean sameDecision = old != null && old.getDecision() == a.decision() && Objects.equals(old.getRevision(), a.revision())
                && StatusEquality.sameViolations(old.getViolations(), a.violations());
        p.setEvaluatedAt(sameDecision && old.getEvaluatedAt() != null ? old.getEvaluatedAt() : now);
        return p;
    }

    private static String latestCompletion(List<JobStatus> jobs, String fallback) {
        return jobs.stream().map(JobStatus::getCompletionTime).filter(Objects::nonNull).map(Instant::parse)
                .max(Instant::compareTo).map(Instant::toString).orElse(fallback);
    }

    private static String violations(List<PolicyViolation> violations) {
        if (violations == null || violations.isEmpty()) {
            return "denied by the admission policy";
        }
        return violations.stream().map(v -> v.getRule() + ": " + v.getMessage()).collect(Collectors.joining("; "));
    }

    private static String revision(RunObservations.Admission a) {
        return a.revision() == null ? "" : " (policy revision " + a.revision() + ")";
    }

    static Condition find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static Condition condition(String type, ConditionStatus status, String reason, String message) {
        return new Condition(type, status, reason, message, null, null);
    }

    private static String key(String cluster, String goVersion) {
        return cluster + "/" + goVersion;
    }

    private static String pick(String fresh, String old) {
        return fresh != null ? fresh : old;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> copyList(List<T> list) {
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }

    private static JobStatus copy(JobStatus j) {
        JobStatus c = new JobStatus();
        c.setCluster(j.getCluster());
        c.setGoVersion(j.getGoVersion());
        c.setPhase(j.getPhase());
        c.setJobName(j.getJobName());
        c.setJobUid(j.getJobUid());
        c.setNode(j.getNode());
        c.setNodeArch(j.getNodeArch());
        c.setArch(j.getArch());
        c.setAttempts(j.getAttempts());
        c.setStartTime(j.getStartTime());
        c.setCompletionTime(j.getCompletionTime());
        c.setReason(j.getReason());
        c.setMessage(j.getMessage());
        c.setResultName(j.getResultName());
        return c;
    }
}
