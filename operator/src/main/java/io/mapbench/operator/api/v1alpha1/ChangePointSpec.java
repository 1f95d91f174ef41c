package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Change-point detection over a schedule's history (E-Divisive means as in Apache Otava): a sustained shift is reported, a single noisy run is not. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChangePointSpec {
    @JsonPropertyDescription("How many of the most recent runs of each series (cluster, Go version, benchmark) are analysed;"
    + " the schedule keeps the results of that many runs. Default 30.")
    @Default("30")
    @Min(4)
    @Max(500)
    private Integer window;

    @JsonPropertyDescription("Significance of a change point (two-sample t-test of the segments either side). Default 0.001.")
    @Default("0.001")
    @Min(value = 0, inclusive = false)
    @Max(0.5)
    // Jackson's bean naming turns getPValue()/setPValue() into "pvalue": field, getter and setter are named explicitly.
    @JsonProperty("pValue")
    private Double pValue;

    @JsonPropertyDescription("Smallest shift of the mean, in percent of the earlier segment's, reported as a change point."
    + " Default 5.")
    @Default("5")
    @Min(0)
    @Max(1000)
    private Double minMagnitudePercent;

    public Integer getWindow() {
        return window;
    }

    public void setWindow(Integer window) {
        this.window = window;
    }

    @JsonProperty("pValue")
    public Double getPValue() {
        return pValue;
    }

    @JsonProperty("pValue")
    public void setPValue(Double pValue) {
        this.pValue = pValue;
    }

    public Double getMinMagnitudePercent() {
        return minMagnitudePercent;
    }

    public void setMinMagnitudePercent(Double minMagnitudePercent) {
        this.minMagnitudePercent = minMagnitudePercent;
    }
}
