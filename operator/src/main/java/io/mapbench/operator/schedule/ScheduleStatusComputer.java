package io.mapbench.operator.schedule;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkScheduleStatus;
import io.mapbench.operator.api.v1alpha1.ChangePoint;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.cluster.Conditions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A schedule's new status from the old one and what the reconcile observed (docs/CONVENTIONS.md §5):
 * Ready from the parse, Regressed and lastComparison mirrored from the last finished run. When the
 * finished runs are gone (history limit 0), what was mirrored from them stays.
 */
public final class ScheduleStatusComputer {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    /** What one reconcile of a valid schedule saw and did. */
    public record Observed(String lastScheduleTime, Optional<Instant> next, RunHistory history, List<String> activeRuns,
            String lastRunNowToken, List<ChangePoint> changePoints) {
    }

    private ScheduleStatusComputer() {
    }

    public static BenchmarkScheduleStatus valid(BenchmarkScheduleStatus old, long generation, Instant now, String readyMessage,
            Observed observed) {
        BenchmarkScheduleStatus status = copy(old);
        status.setObservedGeneration(generation);
        Conditions.set(status.getConditions(), ConditionTypes.READY, ConditionStatus.True, ScheduleReasons.SCHEDULE_VALID,
                readyMessage, generation, now);
        status.setLastScheduleTime(observed.lastScheduleTime());
        status.setNextScheduleTime(observed.next().map(Instant::toString).orElse(null));
        status.setActiveRuns(List.copyOf(observed.activeRuns()));
        status.setLastRunNowToken(observed.lastRunNowToken());
        status.setChangePoints(List.copyOf(observed.changePoints()));
        Optional<BenchmarkRun> last = observed.history().lastFinished();
        if (last.isPresent()) {
            BenchmarkRun run = last.get();
            status.setLastFinishedRun(run.getMetadata().getName());
            status.setLastComparison(run.getStatus().getComparison());
            mirrorRegressed(status, run, generation, now);
        } else if (status.getLastFinishedRun() == null) {
            Conditions.set(status.getConditions(), ConditionTypes.REGRESSED, ConditionStatus.Unknown,
                    ScheduleReasons.NO_FINISHED_RUN, "no run of this schedule has finished yet", generation, now);
        }
        return status;
    }

    public static BenchmarkScheduleStatus invalid(BenchmarkScheduleStatus old, long generation, Instant now,
            InvalidScheduleException problem) {
        BenchmarkScheduleStatus status = copy(old);
        status.setObservedGeneration(generation);
        Conditions.set(status.getConditions(), ConditionTypes.READY, ConditionStatus.False, ScheduleReasons.INVALID_SCHEDULE,
                problem.getMessage(), generation, now);
        status.setNextScheduleTime(null);
        return status;
    }

    private static void mirrorRegressed(BenchmarkScheduleStatus status, BenchmarkRun run, long generation, Instant now) {
        String name = run.getMetadata().getName();
        Optional<Condition> regressed = run.getStatus().getConditions().stream()
                .filter(c -> ConditionTypes.REGRESSED.equals(c.getType())).findFirst();
        if (regressed.isPresent()) {
            Condition c = regressed.get();
            Conditions.set(status.getConditions(), ConditionTypes.REGRESSED, c.getStatus(), c.getReason(),
                    "run " + name + ": " + (c.getMessage() == null ? c.getReason() : c.getMessage()), generation, now);
        } else {
            Conditions.set(status.getConditions(), ConditionTypes.REGRESSED, ConditionStatus.Unknown,
                    ScheduleReasons.NOT_COMPARED, "run " + name + " finished without a comparison with a baseline",
                    generation, now);
        }
    }

    private static BenchmarkScheduleStatus copy(BenchmarkScheduleStatus old) {
        return old == null ? new BenchmarkScheduleStatus()
                : JSON.unmarshal(JSON.asJson(old), BenchmarkScheduleStatus.class);
    }

    /** Whether the two would be stored the same (no write when not). */
    public static boolean same(BenchmarkScheduleStatus a, BenchmarkScheduleStatus b) {
        return JSON.asJson(a == null ? new BenchmarkScheduleStatus() : a).equals(JSON.asJson(b));
    }
}
