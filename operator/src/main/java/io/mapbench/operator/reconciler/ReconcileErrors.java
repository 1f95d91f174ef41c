package io.mapbench.operator.reconciler;

import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;

/**
 * The run's status with the last reconcile error in its Ready condition (False, ReconcileError),
 * everything else as it was. Pure. The next successful reconcile recomputes Ready from the phase.
 */
final class ReconcileErrors {
    static final int MAX_MESSAGE = 1000;

    private ReconcileErrors() {
    }

    /**
     * What a failed reconcile writes: nothing after a write conflict (also when JOSDK wrapped it),
     * which only means the reconcile's view was stale and is simply redone, nor for a run without a
     * status yet; otherwise the run's status {@link #withError with the error}.
     */
    static ErrorStatusUpdateControl<BenchmarkRun> statusUpdate(BenchmarkRun run, Exception error, Instant now) {
        if (isConflict(error) || run.getStatus() == null) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        return ErrorStatusUpdateControl.patchStatus(withError(run, error, now));
    }

    private static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return true;
            }
        }
        return false;
    }

    static BenchmarkRun withError(BenchmarkRun run, Exception error, Instant now) {
        BenchmarkRunStatus status = run.getStatus();
        String message = "reconcile failed, retrying with backoff: " + describe(error);
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        List<Condition> conditions = new ArrayList<>();
        boolean replaced = false;
        for (Condition c : status.getConditions()) {
            if (ConditionTypes.READY.equals(c.getType())) {
                String since = c.getStatus() == ConditionStatus.False && c.getLastTransitionTime() != null
                        ? c.getLastTransitionTime() : now.toString();
                conditions.add(new Condition(ConditionTypes.READY, ConditionStatus.False, ConditionReasons.RECONCILE_ERROR,
                        message, run.getMetadata().getGeneration(), since));
                replaced = true;
            } else {
                conditions.add(c);
            }
        }
        if (!replaced) {
            conditions.add(new Condition(ConditionTypes.READY, ConditionStatus.False, ConditionReasons.RECONCILE_ERROR,
                    message, run.getMetadata().getGeneration(), now.toString()));
        }
        status.setConditions(conditions);
        return run;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e || root.getMessage() == null ? text : text + " (" + root.getMessage() + ")";
    }
}
