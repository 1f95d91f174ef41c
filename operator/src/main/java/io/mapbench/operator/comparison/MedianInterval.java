package io.mapbench.operator.comparison;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The median of a sample and its distribution-free confidence interval, computed as
 * golang.org/x/perf/benchmath (AssumeNothing.Summary, via go-moremath's QuantileCI) does, so the
 * interval equals benchstat's "± %":
 * <ul>
 * <li>the interval is a pair of order statistics [x(lo), x(hi)] of the sorted sample; lo and hi
 * are found on Binomial(n, 1/2), the number of samples below the true median;</li>
 * <li>n ≤ 30: starting at the mode, the band [l, r) grows one order at a time towards the more
 * probable neighbour (the left one on a tie) until it holds the confidence;</li>
 * <li>n > 30: the band is the normal approximation's central interval, rounded out to whole
 * orders with a continuity correction, taken one order shorter on the right when that still
 * holds the confidence;</li>
 * <li>an order outside 1..n is an infinite bound (fewer than 6 samples at 95%), reported as null.</li>
 * </ul>
 */
final class MedianInterval {

    /** benchmath uses the exact binomial up to this many samples. */
    private static final int EXACT_LIMIT = 30;

    record Summary(double median, Double low, Double high, int samples) {
    }

    private MedianInterval() {
    }

    static Summary of(double[] values, double confidence) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int[] band = n <= EXACT_LIMIT ? exactBand(n, confidence) : normalBand(n, confidence);
        int lo = Math.max(band[0], 0);
        int hi = Math.min(band[1], n + 1);
        Double low = lo < 1 ? null : sorted[lo - 1];
        Double high = hi - 1 >= n ? null : sorted[hi - 1];
        return new Summary(median(sorted), low, high, n);
    }

    /** Median of a sorted sample (benchmath's R8 quantile at 1/2, which is the usual median). */
    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int[] exactBand(int n, double confidence) {
        BinomialDistribution binomial = BinomialDistribution.of(n, 0.5);
        int x = (int) Math.ceil((n + 1) * 0.5) - 1;
        double accum = pmf(binomial, n, x);
        int l = x;
        int r = x + 1;
        double lp = pmf(binomial, n, l - 1);
        double rp = pmf(binomial, n, r);
        while (accum < confidence && (lp > 0 || rp > 0)) {
            if (lp >= rp) {
                accum += lp;
                l--;
                lp = pmf(binomial, n, l - 1);
            } else {
                accum += rp;
                r++;
                rp = pmf(binomial, n, r);
            }
        }
        return new int[] {l, r};
    }

    /**
     * P(X = k), made exactly symmetric: the walk above breaks ties between k and n - k to the
     * left, so both must be bit-identical as they are in go-moremath's closed form.
     */
    private static double pmf(BinomialDistribution binomial, int n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        return binomial.probability(Math.min(k, n - k));
    }

    private static int[] normalBand(int n, double confidence) {
        double mu = n * 0.5;
        NormalDistribution normal = NormalDistribution.of(mu, Math.sqrt(n * 0.25));
        double alpha = (1 - confidence) / 2;
        double l1 = normal.inverseCumulativeProbability(alpha);
        double r1 = 2 * mu - l1;
        int l = (int) Math.floor(Math.floor(l1 - 0.5) + 0.5) + 1;
        int r = (int) Math.floor(Math.ceil(r1 - 0.5) + 0.5) + 1;
        double coverage = coverage(normal, l, r);
        int rBiased = r - 1;
        double biased = coverage(normal, l, rBiased);
        if (biased >= confidence && biased < coverage) {
            r = rBiased;
        }
        return new int[] {l, r};
    }

    private static double coverage(NormalDistribution normal, int l, int r) {
        return normal.cumulativeProbability(r - 0.5) - normal.cumulativeProbability(l - 0.5);
    }
}
