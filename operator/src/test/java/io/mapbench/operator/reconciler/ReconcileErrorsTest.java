package io.mapbench.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.testfixtures.RunFixtures;

/**
 * What BenchmarkRunReconciler#updateErrorStatus writes: the last reconcile error in the Ready
 * condition (False, ReconcileError, the error's message) with the rest of the status as it was, and
 * nothing for a status write that conflicted, whose reconcile is simply redone.
 */
class ReconcileErrorsTest {
    private static final Instant T0 = Instant.parse("2026-12-07T02:00:00Z");
    private static final Instant FAILED_AT = T0.plusSeconds(300);

    /** A running run whose conditions were written at T0. */
    private static BenchmarkRun running() {
        BenchmarkRun run = RunFixtures.run("perf", "nightly", "uid-nightly", T0.toString());
        BenchmarkRunStatus status = new BenchmarkRunStatus();
        status.setPhase(RunPhase.Running);
        status.setConditions(new ArrayList<>(List.of(
                new Condition("Admitted", ConditionStatus.True, "PolicyAllowed", "policy rev-1 allows the run", 1L,
                        T0.toString()),
                new Condition("Ready", ConditionStatus.True, "JobsRunning", "1/1 running", 1L, T0.toString()))));
        run.setStatus(status);
        return run;
    }

    @Test
    void failedReconcileWritesItsErrorIntoReadyAndKeepsTheRestOfTheStatus() {
        Exception error = new IllegalStateException("listing BenchmarkResults with mapbench.io/run-uid=uid-nightly failed",
                new KubernetesClientException("etcdserver: request timed out", 500, null));

        ErrorStatusUpdateControl<BenchmarkRun> update = ReconcileErrors.statusUpdate(running(), error, FAILED_AT);

        assertThat(update.getResource()).isPresent();
        BenchmarkRunStatus status = update.getResource().get().getStatus();
        assertThat(status.getPhase()).isEqualTo(RunPhase.Running);
        assertThat(status.getConditions()).usingRecursiveFieldByFieldElementComparator().containsExactly(
                new Condition("Admitted", ConditionStatus.True, "PolicyAllowed", "policy rev-1 allows the run", 1L,
                        T0.toString()),
                new Condition("Ready", ConditionStatus.False, "ReconcileError", "reconcile failed, retrying with backoff:"
                        + " listing BenchmarkResults with mapbench.io/run-uid=uid-nightly failed"
                        + " (etcdserver: request timed out)", 1L, FAILED_AT.toString()));
    }

    @Test
    void repeatedErrorKeepsTheTimeReadyBecameFalse() {
        BenchmarkRun failedBefore = ReconcileErrors.statusUpdate(running(), new IllegalStateException("first"), FAILED_AT)
                .getResource().orElseThrow();

        BenchmarkRun again = ReconcileErrors.statusUpdate(failedBefore, new IllegalStateException("second"),
                FAILED_AT.plusSeconds(60)).getResource().orElseThrow();

        assertThat(again.getStatus().getConditions()).filteredOn(c -> c.getType().equals("Ready")).singleElement()
                .satisfies(ready -> {
                    assertThat(ready.getMessage()).isEqualTo("reconcile failed, retrying with backoff: second");
                    assertThat(ready.getLastTransitionTime()).isEqualTo(FAILED_AT.toString());
                });
    }

    @Test
    void statusWriteConflictWritesNoErrorStatus() {
        KubernetesClientException conflict = new KubernetesClientException("the object has been modified", 409, null);
        // PrimaryUpdateAndCacheUtils wraps the conflict once its retries (none: StatusWriter) are exhausted.
        OperatorException wrapped = new OperatorException(
                "Exceeded maximum (0) retry attempts to patch resource: ResourceID{name='nightly', namespace='perf'}",
                conflict);

        assertThat(ReconcileErrors.statusUpdate(running(), conflict, FAILED_AT).getResource()).isEmpty();
        assertThat(ReconcileErrors.statusUpdate(running(), wrapped, FAILED_AT).getResource()).isEmpty();
    }
}
