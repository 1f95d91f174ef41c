package io.mapbench.operator.changepoint;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Significance of a split between two adjacent segments: Student's two-sided t-test with pooled
 * variance, fed (as Otava's scipy call is) the segments' population standard deviations, 0 for a
 * single point. The statistic is written out because commons-statistics' TTest refuses one-point
 * segments, which E-Divisive produces (an outlier at either end); the distribution is the library's.
 */
final class SegmentTest {

    /** Means and p-value of {@code series[from, split)} against {@code series[split, to)}. */
    record Stats(double meanBefore, double meanAfter, double pValue) {

        /** Otava's magnitude: the larger of the forward and backward relative changes. */
        double magnitude() {
            double forward = meanBefore == 0 ? 0 : Math.abs(meanAfter / meanBefore - 1);
            double backward = meanAfter == 0 ? 0 : Math.abs(meanBefore / meanAfter - 1);
            return Math.max(forward, backward);
        }
    }

    private SegmentTest() {
    }

    static Stats compare(double[] series, int from, int split, int to) {
        int n1 = split - from;
        int n2 = to - split;
        if (n1 < 1 || n2 < 1) {
            throw new IllegalArgumentException("empty segment: [" + from + ", " + split + ") / [" + split + ", " + to + ")");
        }
        double mean1 = mean(series, from, split);
        double mean2 = mean(series, split, to);
        if (n1 + n2 <= 2) {
            return new Stats(mean1, mean2, 1.0);
        }
        double var1 = populationVariance(series, from, split, mean1);
        double var2 = populationVariance(series, split, to, mean2);
        double p;
        if (var1 == 0 && var2 == 0) {
            // No spread on either side: the library's t is 0/0 or ±inf; decide it directly.
            p = mean1 == mean2 ? 1.0 : 0.0;
        } else {
            int df = n1 + n2 - 2;
            double pooled = ((n1 - 1) * var1 + (n2 - 1) * var2) / df;
            double t = (mean1 - mean2) / Math.sqrt(pooled * (1.0 / n1 + 1.0 / n2));
            p = 2 * TDistribution.of(df).survivalProbability(Math.abs(t));
        }
        return new Stats(mean1, mean2, p);
    }

    private static double mean(double[] series, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += series[i];
        }
        return sum / (to - from);
    }

    private static double populationVariance(double[] series, int from, int to, double mean) {
        if (to - from < 2) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            double d = series[i] - mean;
            sum += d * d;
        }
        return sum / (to - from);
    }
}
