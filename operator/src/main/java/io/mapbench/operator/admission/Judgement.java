package io.mapbench.operator.admission;

import io.mapbench.operator.policy.AdmissionDecision;
import java.util.List;
import java.util.Objects;

/**
 * The admission policy's answer for one proposed placement, as the queue reads it: a denial that
 * only says the namespace is at its active-run limit means "wait", not "no".
 */
public sealed interface Judgement {
    /** The policy rule that caps active runs per namespace (policies/admission/namespace.rego). */
    String QUOTA_RULE = "active-runs";

    /** Allowed by the policy of {@code revision}, or admitted without policy ({@code revision} null: disabled). */
    record Allow(String revision) implements Judgement {
        public boolean policyDisabled() {
            return revision == null;
        }
    }

    /** Allowed except for the namespace's active-run cap: wait until one of its runs ends. */
    record WaitForQuota(String message) implements Judgement {
        public WaitForQuota {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Denied for reasons that waiting cannot fix; every violation listed. */
    record Deny(List<AdmissionDecision.Violation> violations, String revision) implements Judgement {
        public Deny {
            violations = List.copyOf(violations);
        }
    }

    /** No decision possible (policy missing or broken): fail closed, nothing is created. */
    record Unavailable(String message) implements Judgement {
    }

    default boolean admits() {
        return this instanceof Allow;
    }

    /** Turns a policy denial into a wait when the quota rule is its only violation. */
    static Judgement ofDenial(List<AdmissionDecision.Violation> violations, String revision) {
        if (!violations.isEmpty() && violations.stream().allMatch(v -> QUOTA_RULE.equals(v.rule()))) {
            return new WaitForQuota(violations.get(0).message());
        }
        return new Deny(violations, revision);
    }
}
