package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Counts of a run's comparison with its baseline over all its results, and its worst regressions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComparisonSummary {
    @JsonPropertyDescription("The compared (candidate) run.")
    private String run;

    @JsonPropertyDescription("The baseline runs (one per cluster and Go version at most).")
    private List<String> baselineRuns = new ArrayList<>();

    @JsonPropertyDescription("Results compared (cluster and Go version pairs present on both sides).")
    private Integer comparedResults;

    @JsonPropertyDescription("Benchmarks significantly faster.")
    private Integer faster;

    @JsonPropertyDescription("Benchmarks significantly slower (regressions are those beyond the minimum effect).")
    private Integer slower;

    @JsonPropertyDescription("Benchmarks without a significant change.")
    private Integer unchanged;

    @JsonPropertyDescription("Benchmarks with fewer than 6 samples on a side.")
    private Integer insufficientSamples;

    @JsonPropertyDescription("Up to 5 regressions, largest slowdown first.")
    private List<Regression> worstRegressions = new ArrayList<>();

    public String getRun() {
        return run;
    }

    public void setRun(String run) {
        this.run = run;
    }

    public List<String> getBaselineRuns() {
        return baselineRuns;
    }

    public void setBaselineRuns(List<String> baselineRuns) {
        this.baselineRuns = baselineRuns;
    }

    public Integer getComparedResults() {
        return comparedResults;
    }

    public void setComparedResults(Integer comparedResults) {
        this.comparedResults = comparedResults;
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

    public List<Regression> getWorstRegressions() {
        return worstRegressions;
    }

    public void setWorstRegressions(List<Regression> worstRegressions) {
        this.worstRegressions = worstRegressions;
    }
}
