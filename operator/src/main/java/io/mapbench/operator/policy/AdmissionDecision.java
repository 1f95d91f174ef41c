package io.mapbench.operator.policy;

import java.util.List;
import java.util.Objects;

/**
 * The admission policy's decision on one run's proposed placement, as returned by the
 * {@code mapbench/admission/decision} entrypoint (see policies/README.md), plus the revision of
 * the policy that made it.
 *
 * @param allowed    true exactly when {@code violations} is empty
 * @param violations every violated rule, in the policy's deterministic order (rule, field, message)
 * @param revision   {@link PolicyBundle#revision()} of the module and data that decided
 */
public record AdmissionDecision(boolean allowed, List<Violation> violations, String revision) {

    public AdmissionDecision {
        violations = List.copyOf(violations);
        Objects.requireNonNull(revision, "revision");
    }

    /**
     * One violated rule.
     *
     * @param rule    stable rule identifier (e.g. {@code resources-cap}); the label of
     *                {@code mapbench_policy_denials_total{rule}}
     * @param field   the spec field to change (e.g. {@code spec.resources.limits.cpu}), or an
     *                {@code input.*} path for rule {@code input-invalid} (an operator bug)
     * @param message what is wrong and what to change, for status and Events
     */
    public record Violation(String rule, String field, String message) {
        public Violation {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }
}
