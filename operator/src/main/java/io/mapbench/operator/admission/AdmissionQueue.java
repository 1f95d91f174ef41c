package io.mapbench.operator.admission;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.placement.Placement;
import io.mapbench.operator.placement.PlacementOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The admission queue's order and accounting (pure, no clock, no client): which runs hold
 * cluster slots and namespace quota, and which waiting runs go first.
 *
 * <p>Runs are admitted in creation order (creationTimestamp, then namespace and name). To judge a
 * run, every older run that still waits is placed and judged virtually first and, if it would be
 * admitted, takes its slots and its namespace's quota; so a young run never overtakes an old one,
 * while an old run that cannot go (invalid, denied, waiting for a full cluster or for its own
 * namespace's quota) holds nothing and blocks nobody. Runs holding an admitted assignment (stored
 * in status, or reserved by an admission whose status write the cache has not shown yet) occupy one
 * slot on each of their clusters and count against their namespace until they finish.
 */
public final class AdmissionQueue {

    /** Judges one proposed placement with the namespace's count of active runs. */
    @FunctionalInterface
    public interface Judge {
        Judgement judge(BenchmarkRun run, List<String> clusters, int activeRunsInNamespace);
    }

    /** First come, first served. */
    public static final Comparator<BenchmarkRun> FIRST_COME = Comparator
            .comparing((BenchmarkRun r) -> creation(r), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(r -> Objects.toString(r.getMetadata().getNamespace(), ""))
            .thenComparing(r -> r.getMetadata().getName());

    private final Predicate<BenchmarkRun> valid;
    private final Judge judge;

    /**
     * @param valid whether a run can be admitted at all ({@link RunValidation}); invalid runs are skipped
     * @param judge the admission policy (memoized by the caller: the queue asks about older runs again)
     */
    public AdmissionQueue(Predicate<BenchmarkRun> valid, Judge judge) {
        this.valid = valid;
        this.judge = judge;
    }

    /**
     * What stands between {@code run} and admission: the slots and namespace count left after
     * every holder and every older waiting run that would be admitted before it.
     *
     * @param runs         every BenchmarkRun the operator sees (may include {@code run})
     * @param reservations admissions decided but not yet visible in {@code runs}, by run UID
     */
    public Standing standing(BenchmarkRun run, Collection<MemberCluster> clusters, Collection<BenchmarkRun> runs,
            Map<String, List<String>> reservations) {
        Map<String, Integer> used = new HashMap<>();
        Map<String, Integer> activeByNamespace = new HashMap<>();
        List<BenchmarkRun> waitingAhead = new ArrayList<>();
        for (BenchmarkRun other : runs) {
            if (sameRun(other, run) || isFinished(other) || other.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            List<String> held = held(other, reservations);
            if (!held.isEmpty()) {
                take(other, held, used, activeByNamespace);
            } else if (isWaiting(other) && FIRST_COME.compare(other, run) < 0 && valid.test(other)) {
                waitingAhead.add(other);
            }
        }
        waitingAhead.sort(FIRST_COME);
        List<String> admissibleAhead = new ArrayList<>();
        for (BenchmarkRun older : waitingAhead) {
            if (Placement.propose(older, clusters, used) instanceof PlacementOutcome.Assigned a
                    && judge.judge(older, a.clusters(), activeByNamespace.getOrDefault(namespace(older), 0)).admits()) {
                take(older, a.clusters(), used, activeByNamespace);
                admissibleAhead.add(namespace(older) + "/" + older.getMetadata().getName());
            }
        }
        return new Standing(Map.copyOf(used), activeByNamespace.getOrDefault(namespace(run), 0), List.copyOf(admissibleAhead));
    }

    /**
     * @param usedSlots       runs per cluster counted ahead of this run
     * @param activeInNamespace the run's namespace's active runs, counting older runs admitted ahead
     * @param admissibleAhead older waiting runs (namespace/name) that could be admitted now and are not
     *                        yet: they go first, so admissions become visible in creation order
     */
    public record Standing(Map<String, Integer> usedSlots, int activeInNamespace, List<String> admissibleAhead) {
    }

    /**
     * The clusters a run holds: its stored assignment and its reservation (an admission, or a
     * re-dispatch's new cluster, the cache does not show yet).
     */
    static List<String> held(BenchmarkRun run, Map<String, List<String>> reservations) {
        List<String> stored = Placement.assignedClusters(run);
        List<String> reserved = reservations.get(run.getMetadata().getUid());
        if (reserved == null || stored.containsAll(reserved)) {
            return stored;
        }
        java.util.LinkedHashSet<String> both = new java.util.LinkedHashSet<>(stored);
        both.addAll(reserved);
        return List.copyOf(both);
    }

    /**
     * Whether a run without an assignment still asks to be admitted: not a denial (or an invalid
     * spec) that stands for its current generation.
     */
    public static boolean isWaiting(BenchmarkRun run) {
        BenchmarkRunStatus status = run.getStatus();
        if (run.getSpec() == null || run.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        if (status == null) {
            return true;
        }
        if (status.getAssignment() != null) {
            return false;
        }
        if (status.getPhase() == RunPhase.Denied) {
            // A changed spec is judged again; an unchanged denied one waits for nothing.
            return !Objects.equals(status.getObservedGeneration(), run.getMetadata().getGeneration());
        }
        return status.getPhase() == null || status.getPhase() == RunPhase.Pending;
    }

    private static void take(BenchmarkRun run, List<String> clusters, Map<String, Integer> used,
            Map<String, Integer> activeByNamespace) {
        clusters.forEach(c -> used.merge(c, 1, Integer::sum));
        activeByNamespace.merge(namespace(run), 1, Integer::sum);
    }

    private static String namespace(BenchmarkRun run) {
        return Objects.toString(run.getMetadata().getNamespace(), "");
    }

    private static boolean isFinished(BenchmarkRun run) {
        RunPhase phase = run.getStatus() == null ? null : run.getStatus().getPhase();
        return phase != null && phase.isFinished();
    }

    static boolean sameRun(BenchmarkRun a, BenchmarkRun b) {
        String uidA = a.getMetadata().getUid();
        String uidB = b.getMetadata().getUid();
        if (uidA != null && uidB != null) {
            return uidA.equals(uidB);
        }
        return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
                && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
    }

    private static Instant creation(BenchmarkRun run) {
        String ts = run.getMetadata().getCreationTimestamp();
        return ts == null ? null : Instant.parse(ts);
    }
}
