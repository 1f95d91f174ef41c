package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Median of one side's samples of a benchmark (ns/op) with benchstat's distribution-free 95% confidence interval. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SampleSummary {
    @JsonPropertyDescription("Median of the samples, ns/op.")
    private Double median;

    @JsonPropertyDescription("Lower end of the 95% confidence interval of the median (absent with fewer than 6 samples).")
    private Double low;

    @JsonPropertyDescription("Upper end of the 95% confidence interval of the median (absent with fewer than 6 samples).")
    private Double high;

    @JsonPropertyDescription("Number of samples.")
    private Integer samples;

    public Double getMedian() {
        return median;
    }

    public void setMedian(Double median) {
        this.median = median;
    }

    public Double getLow() {
        return low;
    }

    public void setLow(Double low) {
        this.low = low;
    }

    public Double getHigh() {
        return high;
    }

    public void setHigh(Double high) {
        this.high = high;
    }

    public Integer getSamples() {
        return samples;
    }

    public void setSamples(Integer samples) {
        this.samples = samples;
    }
}
