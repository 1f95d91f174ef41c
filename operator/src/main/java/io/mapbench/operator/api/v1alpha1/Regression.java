package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A benchmark that got slower by more than the minimum effect at the chosen alpha. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Regression {
    @JsonPropertyDescription("Member cluster of the job.")
    private String cluster;

    @JsonPropertyDescription("Go version of the job.")
    private String goVersion;

    @JsonPropertyDescription("Benchmark name.")
    private String benchmark;

    @JsonPropertyDescription("Relative change of the medians in percent (positive: slower).")
    private Double changePercent;

    @JsonPropertyDescription("Mann-Whitney U test p-value.")
    // Jackson's bean naming turns getPValue()/setPValue() into "pvalue": field, getter and setter are named explicitly.
    @JsonProperty("pValue")
    private Double pValue;

    @JsonPropertyDescription("The baseline run.")
    private String baselineRun;

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    public String getGoVersion() {
        return goVersion;
    }

    public void setGoVersion(String goVersion) {
        this.goVersion = goVersion;
    }

    public String getBenchmark() {
        return benchmark;
    }

    public void setBenchmark(String benchmark) {
        this.benchmark = benchmark;
    }

    public Double getChangePercent() {
        return changePercent;
    }

    public void setChangePercent(Double changePercent) {
        this.changePercent = changePercent;
    }

    @JsonProperty("pValue")
    public Double getPValue() {
        return pValue;
    }

    @JsonProperty("pValue")
    public void setPValue(Double pValue) {
        this.pValue = pValue;
    }

    public String getBaselineRun() {
        return baselineRun;
    }

    public void setBaselineRun(String baselineRun) {
        this.baselineRun = baselineRun;
    }
}
