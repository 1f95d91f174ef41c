package io.mapbench.operator.cluster;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;

/** Sets a metav1.Condition in a list, keeping lastTransitionTime when the status does not change (MemberCluster and BenchmarkSchedule status). */
public final class Conditions {
    private Conditions() {
    }

    public static void set(List<Condition> conditions, String type, ConditionStatus status, String reason, String message,
            Long generation, Instant now) {
        Condition existing = conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String transition = existing != null && existing.getStatus() == status
                ? existing.getLastTransitionTime()
                : now.truncatedTo(ChronoUnit.SECONDS).toString();
        Condition updated = new Condition(type, status, reason, message, generation, transition);
        if (existing != null) {
            conditions.set(conditions.indexOf(existing), updated);
        } else {
            conditions.add(updated);
        }
    }
}
