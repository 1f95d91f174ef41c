package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Map key types the workload measures (DESIGN.md vocabulary). */
public enum KeyType {
    @JsonProperty("int64")
    INT64,
    @JsonProperty("string8")
    STRING8,
    @JsonProperty("string32")
    STRING32,
    @JsonProperty("string256")
    STRING256;
}
