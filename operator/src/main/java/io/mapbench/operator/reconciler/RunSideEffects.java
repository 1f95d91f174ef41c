package io.mapbench.operator.reconciler;

import java.util.List;
import java.util.Objects;

import io.mapbench.operator.admission.WaitingRunsTrigger;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.PolicyDecision;
import io.mapbench.operator.api.v1alpha1.PolicyStatus;
import io.mapbench.operator.api.v1alpha1.PolicyViolation;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.execution.RunExecutor;
import io.mapbench.operator.metrics.MapbenchMetrics;
import io.mapbench.operator.policy.PolicyStore;
import io.mapbench.operator.status.RunStatusAggregator;
import io.mapbench.operator.status.StatusEquality;
import io.mapbench.operator.status.StatusTransition;

/**
 * What follows a successful status write, and only that: Events for the transitions it recorded,
 * the finished-runs and policy-denial counters, and waking runs that wait for room
 * the written run just gave up. A write that conflicted never gets here, so nothing is repeated.
 */
final class RunSideEffects {
    private final RunEvents events;
    private final MapbenchMetrics metrics;
    private final PolicyStore policy;
    private final WaitingRunsTrigger waitingRuns;

    RunSideEffects(RunEvents events, MapbenchMetrics metrics, PolicyStore policy, WaitingRunsTrigger waitingRuns) {
        this.events = events;
        this.metrics = metrics;
        this.policy = policy;
        this.waitingRuns = waitingRuns;
    }

    void afterWrite(BenchmarkRun written, BenchmarkRunStatus old, RunStatusAggregator.Result result,
            List<RunExecutor.Note> notes, List<RunExecutor.Collected> collected) {
        notes.forEach(n -> events.record(written, n.type(), n.reason(), n.message()));
        for (StatusTransition t : result.transitions()) {
            events.record(written, t.warning() ? RunEvents.WARNING : RunEvents.NORMAL, t.reason(),
                    t.subject() + ": " + (t.from() == null ? "" : t.from() + " -> ") + t.to()
                            + (t.message() == null || t.message().isEmpty() ? "" : ": " + t.message()));
        }
        BenchmarkRunStatus now = result.status();
        if (newDenial(old.getPolicy(), now.getPolicy())) {
            policy.countDenial(now.getPolicy().getViolations().stream().map(PolicyViolation::getRule).toList());
        }
        boolean finishedNow = now.getPhase().isFinished() && (old.getPhase() == null || !old.getPhase().isFinished());
        if (finishedNow) {
            metrics.runFinished(now.getPhase());
        }
        // A run that finished, or stopped waiting without being admitted, leaves room behind it.
        boolean leftTheQueue = now.getPhase() == RunPhase.Denied && old.getPhase() != RunPhase.Denied;
        if ((finishedNow || leftTheQueue) && waitingRuns != null) {
            waitingRuns.wake();
        }
    }

    /** A denial is counted once per recorded decision: a new decision, revision or set of violations. */
    static boolean newDenial(PolicyStatus before, PolicyStatus after) {
        if (after == null || after.getDecision() != PolicyDecision.Denied) {
            return false;
        }
        return before == null || before.getDecision() != PolicyDecision.Denied
                || !Objects.equals(before.getRevision(), after.getRevision())
                || !StatusEquality.sameViolations(before.getViolations(), after.getViolations());
    }
}
