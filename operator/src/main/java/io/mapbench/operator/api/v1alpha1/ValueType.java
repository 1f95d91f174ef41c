package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Map value types the workload measures (DESIGN.md vocabulary). */
public enum ValueType {
    @JsonProperty("int64")
    INT64,
    @JsonProperty("struct16")
    STRUCT16,
    @JsonProperty("struct64")
    STRUCT64,
    @JsonProperty("struct128")
    STRUCT128,
    @JsonProperty("struct256")
    STRUCT256,
    @JsonProperty("ptrstruct64")
    PTRSTRUCT64,
    @JsonProperty("empty")
    EMPTY;
}
