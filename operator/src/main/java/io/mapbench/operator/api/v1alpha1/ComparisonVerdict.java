package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** benchstat's reading of one benchmark's change between a baseline and a candidate. */
public enum ComparisonVerdict {
    /** Significant (p < alpha) and the candidate's median is lower. */
    @JsonProperty("faster")
    Faster,
    /** Significant (p < alpha) and the candidate's median is higher. */
    @JsonProperty("slower")
    Slower,
    /** No significant difference (benchstat prints `~`). */
    @JsonProperty("unchanged")
    Unchanged,
    /** Fewer than 6 samples on a side: benchstat gives no confidence interval there and mapbench no verdict. */
    @JsonProperty("insufficient-samples")
    InsufficientSamples;
}
