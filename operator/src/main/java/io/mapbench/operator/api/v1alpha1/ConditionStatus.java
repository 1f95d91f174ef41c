package io.mapbench.operator.api.v1alpha1;

/** metav1.ConditionStatus. */
public enum ConditionStatus {
    True,
    False,
    Unknown;
}
