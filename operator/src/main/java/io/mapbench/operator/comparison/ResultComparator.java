package io.mapbench.operator.comparison;

import io.mapbench.operator.api.v1alpha1.BenchmarkComparison;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.ComparisonVerdict;
import io.mapbench.operator.api.v1alpha1.ResultComparison;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A candidate result against its baseline result: every benchmark present in both, in the candidate's order. */
public final class ResultComparator {

    public static final String UNIT = "ns/op";

    private ResultComparator() {
    }

    public static ResultComparison compare(BenchmarkResult baseline, BenchmarkResult candidate,
            RegressionSettings settings, Instant now) {
        Map<String, double[]> base = ResultSamples.nsPerOp(baseline.getSpec().getResult());
        Map<String, double[]> cand = ResultSamples.nsPerOp(candidate.getSpec().getResult());
        List<BenchmarkComparison> benchmarks = new ArrayList<>();
        cand.forEach((name, samples) -> {
            double[] b = base.get(name);
            if (b != null) {
                benchmarks.add(BenchmarkComparator.compare(name, b, samples, settings.alpha()));
            }
        });
        ResultComparison c = new ResultComparison();
        c.setBaselineRun(baseline.getSpec().getRun());
        c.setBaselineResult(baseline.getMetadata().getName());
        c.setUnit(UNIT);
        c.setAlpha(settings.alpha());
        c.setMinEffectPercent(settings.minEffectPercent());
        c.setComparedAt(now.toString());
        c.setFaster(count(benchmarks, ComparisonVerdict.Faster));
        c.setSlower(count(benchmarks, ComparisonVerdict.Slower));
        c.setUnchanged(count(benchmarks, ComparisonVerdict.Unchanged));
        c.setInsufficientSamples(count(benchmarks, ComparisonVerdict.InsufficientSamples));
        c.setBenchmarks(benchmarks);
        return c;
    }

    /** A regression: significantly slower by more than the minimum effect. */
    public static boolean isRegression(BenchmarkComparison b, double minEffectPercent) {
        return b.getVerdict() == ComparisonVerdict.Slower && b.getChangePercent() != null
                && b.getChangePercent() > minEffectPercent;
    }

    private static int count(List<BenchmarkComparison> benchmarks, ComparisonVerdict verdict) {
        return (int) benchmarks.stream().filter(b -> b.getVerdict() == verdict).count();
    }
}
