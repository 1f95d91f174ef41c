package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** When a comparison with a baseline counts as a regression (benchstat's rules: a change is significant when the Mann-Whitney U p-value is below alpha). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RegressionSpec {
    @JsonPropertyDescription("Smallest slowdown of a benchmark's median, in percent, that counts as a regression when it is"
    + " also significant. Default 5.")
    @Default("5")
    @Min(0)
    @Max(1000)
    private Double minEffectPercent;

    @JsonPropertyDescription("Significance level of the Mann-Whitney U test (benchstat's -alpha). Default 0.05.")
    @Default("0.05")
    @Min(value = 0, inclusive = false)
    @Max(0.5)
    private Double alpha;

    public Double getMinEffectPercent() {
        return minEffectPercent;
    }

    public void setMinEffectPercent(Double minEffectPercent) {
        this.minEffectPercent = minEffectPercent;
    }

    public Double getAlpha() {
        return alpha;
    }

    public void setAlpha(Double alpha) {
        this.alpha = alpha;
    }
}
