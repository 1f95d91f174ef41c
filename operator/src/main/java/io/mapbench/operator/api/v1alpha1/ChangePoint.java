package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A sustained shift in one benchmark series of a schedule (E-Divisive means). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChangePoint {
    @JsonPropertyDescription("Member cluster of the series.")
    private String cluster;

    @JsonPropertyDescription("Go version of the series.")
    private String goVersion;

    @JsonPropertyDescription("Benchmark name.")
    private String benchmark;

    @JsonPropertyDescription("First run after the change.")
    private String run;

    @JsonPropertyDescription("Creation time of that run (RFC 3339).")
    private String time;

    @JsonPropertyDescription("Median ns/op of the segment before the change.")
    private Double beforeMedian;

    @JsonPropertyDescription("Median ns/op of the segment after the change.")
    private Double afterMedian;

    @JsonPropertyDescription("Change of the segment means in percent.")
    private Double changePercent;

    @JsonPropertyDescription("p-value of the t-test that accepted the change point.")
    // Jackson's bean naming turns getPValue()/setPValue() into "pvalue": field, getter and setter are named explicitly.
    @JsonProperty("pValue")
    private Double pValue;

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

    public String getRun() {
        return run;
    }

    public void setRun(String run) {
        this.run = run;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public Double getBeforeMedian() {
        return beforeMedian;
    }

    public void setBeforeMedian(Double beforeMedian) {
        this.beforeMedian = beforeMedian;
    }

    public Double getAfterMedian() {
        return afterMedian;
    }

    public void setAfterMedian(Double afterMedian) {
        this.afterMedian = afterMedian;
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
}
