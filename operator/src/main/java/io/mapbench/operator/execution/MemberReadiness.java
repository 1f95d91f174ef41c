package io.mapbench.operator.execution;

import java.time.Instant;

import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.MemberCluster;

/** What the run controller reads from a MemberCluster's Ready condition (pure). */
final class MemberReadiness {
    private MemberReadiness() {
    }

    static boolean isReady(MemberCluster mc) {
        return readyCondition(mc) != null && readyCondition(mc).getStatus() == ConditionStatus.True;
    }

    /**
     * Since when the member has not been Ready: its Ready condition's last transition. A deleted
     * MemberCluster counts as gone for ever (its jobs are Lost at once).
     */
    static Instant notReadySince(MemberCluster mc, Instant now) {
        if (mc == null) {
            return Instant.EPOCH;
        }
        Condition ready = readyCondition(mc);
        if (ready == null || ready.getStatus() == ConditionStatus.True || ready.getLastTransitionTime() == null) {
            return now; // Ready but caches not synced yet (operator start): not unreachable
        }
        return Instant.parse(ready.getLastTransitionTime());
    }

    private static Condition readyCondition(MemberCluster mc) {
        if (mc == null || mc.getStatus() == null || mc.getStatus().getConditions() == null) {
            return null;
        }
        return mc.getStatus().getConditions().stream().filter(c -> ConditionTypes.READY.equals(c.getType()))
                .findFirst().orElse(null);
    }
}
