package io.mapbench.operator.status;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.PolicyViolation;
import java.util.List;
import java.util.Objects;

/**
 * Whether two statuses would serialize the same: the reconciler writes status only when it
 * changed (docs/CONVENTIONS.md §5), so a re-reconcile of an unchanged run causes no write and no event.
 */
final class StatusEquality {
    private StatusEquality() {
    }

    static boolean same(BenchmarkRunStatus a, BenchmarkRunStatus b) {
        return Serialization.asJson(a).equals(Serialization.asJson(b));
    }

    static boolean sameViolations(List<PolicyViolation> a, List<PolicyViolation> b) {
        List<PolicyViolation> x = a == null ? List.of() : a;
        List<PolicyViolation> y = b == null ? List.of() : b;
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!Objects.equals(x.get(i).getRule(), y.get(i).getRule())
                    || !Objects.equals(x.get(i).getField(), y.get(i).getField())
                    || !Objects.equals(x.get(i).getMessage(), y.get(i).getMessage())) {
                return false;
            }
        }
        return true;
    }
}
