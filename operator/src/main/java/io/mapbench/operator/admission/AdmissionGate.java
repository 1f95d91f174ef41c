package io.mapbench.operator.admission;

import io.mapbench.operator.api.v1alpha1.Assignment;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.placement.Placement;
import io.mapbench.operator.placement.PlacementOutcome;
import io.mapbench.operator.policy.AdmissionFacts;
import io.mapbench.operator.policy.AdmissionInput;
import io.mapbench.operator.policy.PolicyStore;
import io.mapbench.operator.policy.PolicyVerdict;
import io.mapbench.operator.work.Catalog;
import io.mapbench.operator.work.WorkEstimate;
import io.mapbench.operator.work.WorkPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one place runs are admitted (DESIGN.md, "Admission"). Serialized: decisions are made one at
 * a time against the same accounting, so runs reconciled in parallel can never both take the last
 * slot or the last unit of a namespace's quota.
 *
 * <p>Order of judgement for one run: (1) the spec must be runnable (Go versions, work plan) —
 * otherwise Denied/InvalidSpec at once; (2) the policy judges where the run would go if every
 * cluster had room — a denial that does not depend on capacity is reported at once, before any
 * wait; (3) the queue places it behind every older waiting run — WaitingForCapacity if no slot is
 * left; (4) the policy judges the real proposal with the namespace's active runs — a quota-only
 * denial is WaitingForQuota; (4b) older runs that could be admitted now but are not yet go first
 * (Deferred, nothing written, until one of them is written, which wakes the queue); (5) admitted:
 * the slots are reserved until the cache shows the stored assignment.
 */
public final class AdmissionGate {
    /** Judgements kept for the queue's virtual walk over older runs (each asks about them again). */
    private static final int JUDGEMENT_MEMO_SIZE = 4096;

    private final RunValidation validation;
    private final Catalog catalog;
    private final PolicyStore policy;
    private final Function<String, Map<String, String>> namespaceLabels;
    private final Reservations reservations;
    private final Map<String, Boolean> validity = lru(JUDGEMENT_MEMO_SIZE);
    private final Map<String, Judgement> memo = lru(JUDGEMENT_MEMO_SIZE);
    /** A run was told to wait behind older runs that could be admitted: wake the queue on the next admission. */
    private boolean deferred;

    /**
     * @param namespaceLabels a namespace's labels (for the policy input), by name; empty when unknown
     * @param reservationMaxAge how long an admission counts without the cache showing it
     */
    public AdmissionGate(RunValidation validation, Catalog catalog, PolicyStore policy,
            Function<String, Map<String, String>> namespaceLabels, Duration reservationMaxAge) {
        this.validation = validation;
        this.catalog = catalog;
        this.policy = policy;
        this.namespaceLabels = namespaceLabels;
        this.reservations = new Reservations(reservationMaxAge);
    }

    /**
     * Decides for {@code run}, given every run and MemberCluster the operator sees (informer caches).
     * An {@link Admission.Admitted} answer holds a reservation until the cache shows the stored
     * assignment or {@link #release} is called because the status write failed.
     */
    public synchronized Admission decide(BenchmarkRun run, Collection<BenchmarkRun> runs,
            Collection<MemberCluster> clusters, Instant now) {
        prune(runs, now);
        reservations.release(run.getMetadata().getUid()); // deciding again: its earlier write did not land

        RunValidation.Outcome validity = validation.validate(run);
        if (validity instanceof RunValidation.Outcome.Invalid invalid) {
            return new Admission.Invalid(invalid.message());
        }
        List<String> goVersions = ((RunValidation.Outcome.Valid) validity).goVersions();

        PlacementOutcome anywhere = Placement.proposeIgnoringCapacity(run, clusters);
        if (ConditionReasons.INVALID_SPEC.equals(anywhere.reason())) {
            return new Admission.Invalid(anywhere.message()); // a malformed selector: no cluster can ever match
        }
        if (!(anywhere instanceof PlacementOutcome.Assigned roomy)) {
            return new Admission.Waiting(anywhere);
        }
        // One read of each namespace per decision: the walk below judges every older run again.
        Map<String, Map<String, String>> labelsByNamespace = new HashMap<>();
        Judgement early = judge(run, roomy.clusters(), 0, clusters, labelsByNamespace);
        if (early instanceof Judgement.Deny deny) {
            return new Admission.Denied(deny.violations(), deny.revision());
        }
        if (early instanceof Judgement.Unavailable unavailable) {
            return new Admission.Unavailable(unavailable.message(), anywhere);
        }

        AdmissionQueue queue = new AdmissionQueue(this::valid,
                (older, proposed, active) -> judge(older, proposed, active, clusters, labelsByNamespace));
        AdmissionQueue.Standing standing = queue.standing(run, clusters, runs, reservations.snapshot());
        PlacementOutcome outcome = Placement.propose(run, clusters, standing.usedSlots());
        if (!(outcome instanceof PlacementOutcome.Assigned assigned)) {
            return new Admission.Waiting(outcome);
        }
        Judgement judgement = judge(run, assigned.clusters(), standing.activeInNamespace(), clusters, labelsByNamespace);
        if (judgement instanceof Judgement.WaitForQuota quota) {
            return new Admission.Waiting(new PlacementOutcome.Waiting(ConditionReasons.WAITING_FOR_QUOTA, quota.message()));
        }
        if (judgement instanceof Judgement.Deny deny) {
            return new Admission.Denied(deny.violations(), deny.revision());
        }
        if (judgement instanceof Judgement.Unavailable unavailable) {
            return new Admission.Unavailable(unavailable.message(), outcome);
        }
        if (!standing.admissibleAhead().isEmpty()) {
            deferred = true; // the next admission written wakes the waiting runs, this one among them
            return new Admission.Deferred(standing.admissibleAhead());
        }
        reservations.reserve(run.getMetadata().getUid(), assigned.clusters(), now);
        Assignment assignment = new Assignment();
        assignment.setClusters(new ArrayList<>(assigned.clusters()));
        assignment.setGoVersions(new ArrayList<>(goVersions));
        assignment.setAdmittedAt(now.truncatedTo(ChronoUnit.SECONDS).toString());
        return new Admission.Admitted(assignment, assigned, ((Judgement.Allow) judgement).revision());
    }

    /**
     * Where {@code run}'s jobs lost on {@code lost} go (spec.placement.failover), through the same
     * accounting as admission: every holder and every older waiting run that would be admitted first
     * takes its slots, the candidate must have a free slot and the policy must allow the run's new
     * set of clusters. A chosen cluster is reserved until the cache shows the new assignment.
     *
     * @param current  the run's clusters now, with moves already decided for its other lost clusters
     * @param own      every cluster the run has or had jobs on (never chosen again: a cluster the run
     *                 left has orphans that are deleted when it returns)
     */
    public synchronized Redispatch redispatch(BenchmarkRun run, List<String> current, String lost, Set<String> own,
            Collection<BenchmarkRun> runs, Collection<MemberCluster> clusters, Instant now) {
        prune(runs, now);
        Map<String, Map<String, String>> labelsByNamespace = new HashMap<>();
        AdmissionQueue queue = new AdmissionQueue(this::valid,
                (older, proposed, active) -> judge(older, proposed, active, clusters, labelsByNamespace));
        AdmissionQueue.Standing standing = queue.standing(run, clusters, runs, reservations.snapshot());
        Set<String> exclude = new java.util.HashSet<>(own);
        List<String> denied = new ArrayList<>();
        while (true) {
            PlacementOutcome outcome = Placement.proposeReplacement(run, clusters, standing.usedSlots(), exclude);
            if (outcome instanceof PlacementOutcome.Waiting waiting) {
                return new Redispatch.Wait(waiting.message() + deniedSuffix(denied));
            }
            if (!(outcome instanceof PlacementOutcome.Assigned assigned)) {
                return new Redispatch.Impossible(outcome.message() + deniedSuffix(denied));
            }
            String target = assigned.clusters().get(0);
            List<String> next = new ArrayList<>();
            current.forEach(c -> next.add(c.equals(lost) ? target : c));
            if (!next.contains(target)) {
                next.add(target);
            }
            Judgement judgement = judge(run, next, standing.activeInNamespace(), clusters, labelsByNamespace);
            if (judgement instanceof Judgement.Unavailable unavailable) {
                return new Redispatch.Wait("the admission policy cannot judge the move now: " + unavailable.message());
            }
            if (judgement instanceof Judgement.WaitForQuota quota) {
                return new Redispatch.Wait(quota.message());
            }
            if (judgement instanceof Judgement.Deny deny) {
                denied.add(target + " (" + deny.violations().stream().map(v -> v.rule() + ": " + v.message())
                        .collect(java.util.stream.Collectors.joining("; ")) + ")");
                exclude.add(target);
                continue;
            }
            reservations.reserve(run.getMetadata().getUid(), next, now);
            return new Redispatch.Target(target);
        }
    }

    private static String deniedSuffix(List<String> denied) {
        return denied.isEmpty() ? "" : "; the admission policy does not allow " + String.join(", ", denied);
    }

    /** Drops reservations the cache shows (or whose run is gone or finished). */
    private void prune(Collection<BenchmarkRun> runs, Instant now) {
        Map<String, BenchmarkRun> byUid = new HashMap<>();
        runs.forEach(r -> byUid.put(r.getMetadata().getUid(), r));
        reservations.prune((uid, reserved) -> {
            BenchmarkRun r = byUid.get(uid);
            return r == null || r.getStatus() != null && r.getStatus().getPhase() != null && r.getStatus().getPhase().isFinished()
                    || !Placement.assignedClusters(r).isEmpty() && Placement.assignedClusters(r).containsAll(reserved);
        }, now);
    }

    /** Validity of an older run in the queue's walk, remembered per spec version (planning the work is not free). */
    private boolean valid(BenchmarkRun run) {
        String key = run.getMetadata().getUid() + "|" + run.getMetadata().getGeneration();
        Boolean known = validity.get(key);
        if (known == null) {
            known = validation.isValid(run);
            validity.put(key, known);
        }
        return known;
    }

    /**
     * After an admission was written: whether a younger run was deferred behind older admissible
     * ones since the last call (then the waiting runs must be woken). Clears the mark.
     */
    public synchronized boolean takeDeferred() {
        boolean was = deferred;
        deferred = false;
        return was;
    }

    /** The run's status write failed (or the run went away): its admission no longer holds anything. */
    public void release(String runUid) {
        reservations.release(runUid);
    }

    /** Reservations held now (for tests and the operator's debug log). */
    public int reservationCount() {
        return reservations.size();
    }

    private Judgement judge(BenchmarkRun run, List<String> proposed, int activeRuns, Collection<MemberCluster> clusters,
            Map<String, Map<String, String>> labelsByNamespace) {
        if (!policy.enabled()) {
            return new Judgement.Allow(null);
        }
        String ns = run.getMetadata().getNamespace();
        Map<String, String> labels = labelsByNamespace.computeIfAbsent(ns, namespaceLabels);
        String key = run.getMetadata().getUid() + "|" + run.getMetadata().getGeneration() + "|"
                + policy.revision().orElse("-") + "|" + proposed + "|" + activeRuns + "|" + labels;
        Judgement known = memo.get(key);
        if (known != null) {
            return known;
        }
        WorkEstimate estimate = WorkEstimate.of(catalog, WorkPlan.of(catalog, run.getSpec()),
                Math.max(1, run.getSpec().getGoVersions().size()));
        PolicyVerdict verdict = policy.evaluate(run, AdmissionFacts.clusters(proposed, clusters),
                new AdmissionInput.Namespace(ns, labels, activeRuns), AdmissionFacts.estimate(estimate));
        Judgement judgement;
        if (verdict instanceof PolicyVerdict.Allowed allowed) {
            judgement = new Judgement.Allow(allowed.revision());
        } else if (verdict instanceof PolicyVerdict.Denied denied) {
            judgement = Judgement.ofDenial(denied.violations(), denied.revision());
        } else if (verdict instanceof PolicyVerdict.Unavailable unavailable) {
            judgement = new Judgement.Unavailable(unavailable.message());
        } else {
            judgement = new Judgement.Allow(null); // Disabled
        }
        if (!(judgement instanceof Judgement.Unavailable)) {
            memo.put(key, judgement);
        }
        return judgement;
    }

    /** A bounded map that forgets the least recently used entry first (only touched inside decide). */
    private static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
