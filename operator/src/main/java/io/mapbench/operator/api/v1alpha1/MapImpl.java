package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Go runtime's map implementation the workload ran with. */
public enum MapImpl {
    /** Bucket-based maps (Go <= 1.23, or GOEXPERIMENT=noswissmap). */
    @JsonProperty("classic")
    CLASSIC,
    /** Swiss-table maps (Go >= 1.24 by default). */
    @JsonProperty("swiss")
    SWISS;
}
