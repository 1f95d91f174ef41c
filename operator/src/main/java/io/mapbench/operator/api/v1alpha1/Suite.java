package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Named scenario sets of the workload catalog. */
public enum Suite {
    /** At most about 3 s: for tests. */
    @JsonProperty("smoke")
    SMOKE,
    /** At most about 60 s. */
    @JsonProperty("quick")
    QUICK,
    /** Every seed experiment. */
    @JsonProperty("seed")
    SEED;
}
