package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/** One benchmark present in both the baseline's and the candidate's result: medians, change and verdict. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BenchmarkComparison {
    @JsonPropertyDescription("Benchmark name as in the result document, e.g. BenchmarkRangeKeyValue/key=int64/value=int64/size=1000.")
    @Size(max = 512)
    private String benchmark;

    @JsonPropertyDescription("The baseline's samples.")
    private SampleSummary base;

    @JsonPropertyDescription("This result's samples.")
    private SampleSummary candidate;

    @JsonPropertyDescription("Relative change of the medians in percent, (candidate - base) / base * 100 (benchstat's vs base).")
    private Double changePercent;

    @JsonPropertyDescription("Mann-Whitney U test p-value (exact for small samples without ties, as benchstat).")
    // Jackson's bean naming turns getPValue()/setPValue() into "pvalue": field, getter and setter are named explicitly.
    @JsonProperty("pValue")
    private Double pValue;

    @JsonPropertyDescription("faster, slower (significant at alpha), unchanged, or insufficient-samples (< 6 on a side).")
    private ComparisonVerdict verdict;

    public String getBenchmark() {
        return benchmark;
    }

    public void setBenchmark(String benchmark) {
        this.benchmark = benchmark;
    }

    public SampleSummary getBase() {
        return base;
    }

    public void setBase(SampleSummary base) {
        this.base = base;
    }

    public SampleSummary getCandidate() {
        return candidate;
    }

    public void setCandidate(SampleSummary candidate) {
        this.candidate = candidate;
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

    public ComparisonVerdict getVerdict() {
        return verdict;
    }

    public void setVerdict(ComparisonVerdict verdict) {
        this.verdict = verdict;
    }
}
