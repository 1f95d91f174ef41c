package io.mapbench.operator.api.v1alpha1;

/** Outcome of the admission policy for one run. */
public enum PolicyDecision {
    Allowed,
    Denied,
    /** The policy is missing or could not be evaluated: nothing is created (fail closed). */
    Unavailable,
    /** Policy evaluation is switched off (mapbench.policy.enabled=false). */
    Disabled;
}
