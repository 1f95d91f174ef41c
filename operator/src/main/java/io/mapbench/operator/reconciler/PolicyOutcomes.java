package io.mapbench.operator.reconciler;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;

import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.PolicyDecision;
import io.mapbench.operator.api.v1alpha1.PolicyStatus;
import io.mapbench.operator.api.v1alpha1.PolicyViolation;

/** Writes the gate's outcome into status.policy and the Admitted condition (pure). */
final class PolicyOutcomes {
    private PolicyOutcomes() {
    }

    /** @param outcome null when the policy is switched off (mapbench.policy.enabled=false) */
    static void apply(BenchmarkRunStatus status, AdmissionGate.Outcome outcome, Long generation, Instant now) {
        PolicyStatus policy = new PolicyStatus();
        policy.setEvaluatedAt(now.truncatedTo(ChronoUnit.SECONDS).toString());
        policy.setViolations(new ArrayList<>());
        if (outcome == null) {
            policy.setDecision(PolicyDecision.Disabled);
            RunConditions.set(status, ConditionTypes.ADMITTED, ConditionStatus.True, ConditionReasons.POLICY_DISABLED,
                    "admitted without policy evaluation: mapbench.policy.enabled=false", generation, now);
        } else if (outcome instanceof AdmissionGate.Outcome.Allowed allowed) {
            policy.setDecision(PolicyDecision.Allowed);
            policy.setRevision(allowed.revision());
            RunConditions.set(status, ConditionTypes.ADMITTED, ConditionStatus.True, ConditionReasons.POLICY_ALLOWED,
                    "admitted by policy " + allowed.revision(), generation, now);
        } else if (outcome instanceof AdmissionGate.Outcome.Denied denied) {
            policy.setDecision(PolicyDecision.Denied);
            policy.setRevision(denied.decision().revision());
            denied.decision().violations().forEach(v -> policy.getViolations().add(
                    new PolicyViolation(v.rule(), v.field() + ": " + v.message())));
            RunConditions.set(status, ConditionTypes.ADMITTED, ConditionStatus.False, ConditionReasons.POLICY_DENIED,
                    denied.decision().violations().size() + " policy violation(s); see status.policy.violations;"
                            + " change the spec to re-evaluate", generation, now);
        } else if (outcome instanceof AdmissionGate.Outcome.Unavailable unavailable) {
            policy.setDecision(PolicyDecision.Unavailable);
            RunConditions.set(status, ConditionTypes.ADMITTED, ConditionStatus.Unknown,
                    ConditionReasons.POLICY_UNAVAILABLE, unavailable.message()
                            + "; nothing is created until a valid policy is available", generation, now);
        }
        // Keep the evaluation time stable while the decision does not change, so status does not churn.
        if (status.getPolicy() != null && status.getPolicy().getDecision() == policy.getDecision()
                && java.util.Objects.equals(status.getPolicy().getRevision(), policy.getRevision())) {
            policy.setEvaluatedAt(status.getPolicy().getEvaluatedAt());
        }
        status.setPolicy(policy);
    }
}
