package io.mapbench.operator.schedule;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A schedule's runs sorted by age: which are active (block a Forbid tick, deleted by Replace),
 * which finished last (status, Regressed) and which are beyond the history limits. A Denied run
 * counts as a failed one: it will never run (a schedule's run spec only changes with the template,
 * which makes new runs), so it must not block the schedule.
 */
public final class RunHistory {
    private static final Comparator<BenchmarkRun> OLDEST_FIRST = Comparator
            .comparing((BenchmarkRun r) -> r.getMetadata().getCreationTimestamp() == null ? ""
                    : r.getMetadata().getCreationTimestamp())
            .thenComparing(r -> r.getMetadata().getName());

    private final List<BenchmarkRun> active = new ArrayList<>();
    private final List<BenchmarkRun> succeeded = new ArrayList<>();
    private final List<BenchmarkRun> failed = new ArrayList<>();
    private final List<BenchmarkRun> finished = new ArrayList<>();

    public RunHistory(List<BenchmarkRun> runs) {
        for (BenchmarkRun run : runs.stream().sorted(OLDEST_FIRST).toList()) {
            if (run.getMetadata().getDeletionTimestamp() != null) {
                continue; // already going (history limit, Replace, user): neither active nor history
            }
            RunPhase phase = phase(run);
            if (phase == RunPhase.Succeeded) {
                succeeded.add(run);
                finished.add(run);
            } else if (phase == RunPhase.PartiallySucceeded || phase == RunPhase.Failed) {
                failed.add(run);
                finished.add(run);
            } else if (phase == RunPhase.Denied) {
                failed.add(run);
            } else {
                active.add(run);
            }
        }
    }

    private static RunPhase phase(BenchmarkRun run) {
        return run.getStatus() == null ? null : run.getStatus().getPhase();
    }

    /** Runs not finished yet (Pending, Scheduled, Running), oldest first. */
    public List<BenchmarkRun> active() {
        return List.copyOf(active);
    }

    /** The newest run that finished (Succeeded, PartiallySucceeded or Failed). */
    public Optional<BenchmarkRun> lastFinished() {
        return finished.isEmpty() ? Optional.empty() : Optional.of(finished.get(finished.size() - 1));
    }

    /** The oldest succeeded runs beyond {@code successfulLimit} and failed (or denied) ones beyond {@code failedLimit}. */
    public List<BenchmarkRun> beyondLimits(int successfulLimit, int failedLimit) {
        List<BenchmarkRun> out = new ArrayList<>(oldestBeyond(succeeded, successfulLimit));
        out.addAll(oldestBeyond(failed, failedLimit));
        return out;
    }

    private static List<BenchmarkRun> oldestBeyond(List<BenchmarkRun> runs, int limit) {
        return runs.size() <= limit ? List.of() : runs.subList(0, runs.size() - limit);
    }
}
