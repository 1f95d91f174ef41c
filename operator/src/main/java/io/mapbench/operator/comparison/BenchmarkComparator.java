package io.mapbench.operator.comparison;

import io.mapbench.operator.api.v1alpha1.BenchmarkComparison;
import io.mapbench.operator.api.v1alpha1.ComparisonVerdict;
import io.mapbench.operator.api.v1alpha1.SampleSummary;

/**
 * One benchmark's baseline samples against a candidate's, with benchstat's rules: medians with a
 * 95% distribution-free interval, the change of the medians, the Mann-Whitney U p-value, and a
 * verdict that is only given with at least {@value #MIN_SAMPLES} samples a side (where benchstat
 * has a finite interval).
 */
public final class BenchmarkComparator {

    /** benchstat's (benchmath's) confidence level of the median interval. */
    public static final double CONFIDENCE = 0.95;
    public static final int MIN_SAMPLES = 6;

    private BenchmarkComparator() {
    }

    public static BenchmarkComparison compare(String benchmark, double[] base, double[] candidate, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha is " + alpha + "; allowed: 0 < alpha < 1");
        }
        MedianInterval.Summary b = MedianInterval.of(base, CONFIDENCE);
        MedianInterval.Summary c = MedianInterval.of(candidate, CONFIDENCE);
        double p = MannWhitney.pValue(base, candidate);
        Double change = b.median() == 0 ? null : (c.median() / b.median() - 1.0) * 100.0;

        BenchmarkComparison comparison = new BenchmarkComparison();
        comparison.setBenchmark(benchmark);
        comparison.setBase(summary(b));
        comparison.setCandidate(summary(c));
        comparison.setChangePercent(change);
        comparison.setPValue(p);
        comparison.setVerdict(verdict(b, c, p, alpha));
        return comparison;
    }

    private static ComparisonVerdict verdict(MedianInterval.Summary base, MedianInterval.Summary candidate, double p,
            double alpha) {
        if (base.samples() < MIN_SAMPLES || candidate.samples() < MIN_SAMPLES) {
            return ComparisonVerdict.InsufficientSamples;
        }
        if (p >= alpha || candidate.median() == base.median()) {
            return ComparisonVerdict.Unchanged;
        }
        return candidate.median() > base.median() ? ComparisonVerdict.Slower : ComparisonVerdict.Faster;
    }

    private static SampleSummary summary(MedianInterval.Summary s) {
        SampleSummary summary = new SampleSummary();
        summary.setMedian(s.median());
        summary.setLow(s.low());
        summary.setHigh(s.high());
        summary.setSamples(s.samples());
        return summary;
    }
}
