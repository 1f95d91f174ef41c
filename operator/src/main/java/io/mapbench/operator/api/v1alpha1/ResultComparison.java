package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** This result compared with its baseline result (same cluster and Go version), benchmark by benchmark. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResultComparison {
    @JsonPropertyDescription("The BenchmarkRun the baseline result belongs to.")
    @Size(max = Vocabulary.RUN_NAME_MAX_LENGTH)
    private String baselineRun;

    @JsonPropertyDescription("The baseline BenchmarkResult (same namespace).")
    @Size(max = Vocabulary.DNS_SUBDOMAIN_MAX_LENGTH)
    private String baselineResult;

    @JsonPropertyDescription("Unit of the compared samples: ns/op.")
    @Size(max = 16)
    private String unit;

    @JsonPropertyDescription("Significance level used.")
    private Double alpha;

    @JsonPropertyDescription("Minimum slowdown in percent that counts as a regression.")
    private Double minEffectPercent;

    @JsonPropertyDescription("When the comparison was made (RFC 3339).")
    @Size(max = 64)
    private String comparedAt;

    @JsonPropertyDescription("Benchmarks in both results that are significantly faster.")
    private Integer faster;

    @JsonPropertyDescription("Benchmarks in both results that are significantly slower.")
    private Integer slower;

    @JsonPropertyDescription("Benchmarks in both results without a significant change.")
    private Integer unchanged;

    @JsonPropertyDescription("Benchmarks with fewer than 6 samples on a side.")
    private Integer insufficientSamples;

    @JsonPropertyDescription("Every benchmark present in both results.")
    @Size(max = 10000)
    private List<BenchmarkComparison> benchmarks = new ArrayList<>();

    public String getBaselineRun() {
        return baselineRun;
    }

    public void setBaselineRun(String baselineRun) {
        this.baselineRun = baselineRun;
    }

    public String getBaselineResult() {
        return baselineResult;
    }

    public void setBaselineResult(String baselineResult) {
        this.baselineResult = baselineResult;
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit;
    }

    public Double getAlpha() {
        return alpha;
    }

    public void setAlpha(Double alpha) {
        this.alpha = alpha;
    }

    public Double getMinEffectPercent() {
        return minEffectPercent;
    }

    public void setMinEffectPercent(Double minEffectPercent) {
        this.minEffectPercent = minEffectPercent;
    }

    public String getComparedAt() {
        return comparedAt;
    }

    public void setComparedAt(String comparedAt) {
        this.comparedAt = comparedAt;
    }

    public Integer getFaster() {
        return faster;
    }

    public void setFaster(Integer faster) {
        this.faster = faster;
    }

    public Integer getSlower() {
        return slower;
    }

    public void setSlower(Integer slower) {
        this.slower = slower;
    }

    public Integer getUnchanged() {
        return unchanged;
    }

    public void setUnchanged(Integer unchanged) {
        this.unchanged = unchanged;
    }

    public Integer getInsufficientSamples() {
        return insufficientSamples;
    }

    public void setInsufficientSamples(Integer insufficientSamples) {
        this.insufficientSamples = insufficientSamples;
    }

    public List<BenchmarkComparison> getBenchmarks() {
        return benchmarks;
    }

    public void setBenchmarks(List<BenchmarkComparison> benchmarks) {
        this.benchmarks = benchmarks;
    }
}
