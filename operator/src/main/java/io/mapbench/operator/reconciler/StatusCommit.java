package io.mapbench.operator.reconciler;

import java.util.List;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.execution.RunExecutor;
import io.mapbench.operator.status.RunStatusAggregator;

/**
 * Records one reconcile's new status: writes it when it changed, and only after the write succeeded
 * carries out its side effects ({@link RunSideEffects}). A write that fails (409 Conflict: the
 * reconcile read a stale run) throws before any of them, so the redone reconcile emits them once.
 */
final class StatusCommit {

    /** Writes {@code status} as the run's status and returns the run as stored; throws when it was not written. */
    @FunctionalInterface
    interface Writer {
        BenchmarkRun write(BenchmarkRun run, BenchmarkRunStatus status);
    }

    private final Writer writer;
    private final RunSideEffects sideEffects;

    StatusCommit(Writer writer, RunSideEffects sideEffects) {
        this.writer = writer;
        this.sideEffects = sideEffects;
    }

    /**
     * @param old    the status the reconcile started from (empty for a new run)
     * @param result {@code old} aggregated with this reconcile's observations
     * @return the run as written, or {@code run} itself when nothing changed
     */
    BenchmarkRun commit(BenchmarkRun run, BenchmarkRunStatus old, RunStatusAggregator.Result result,
            List<RunExecutor.Note> notes, List<RunExecutor.Collected> collected) {
        if (!result.changed()) {
            return run;
        }
        BenchmarkRun written = writer.write(run, result.status());
        sideEffects.afterWrite(written, old, result, notes, collected);
        return written;
    }
}
