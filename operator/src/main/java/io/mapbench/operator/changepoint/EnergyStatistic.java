package io.mapbench.operator.changepoint;

/**
 * The divergence statistic of E-Divisive (Matteson and James 2014, with exponent 1 as in Apache Otava):
 * for a segment {@code z[start, end)} it finds the split {@code tau} and extent {@code kappa}
 * maximising
 *
 * <pre>
 * Q(X = z[start, tau), Y = z[tau, kappa)) = 2/(m+n) sum|X_i - Y_j|
 *                                         - 2m/((m+n)(n-1)) sum_{i<k}|X_i - X_k|
 *                                         - 2n/((m+n)(m-1)) sum_{j<k}|Y_j - Y_k|
 * </pre>
 *
 * (n = |X|, m = |Y|; a within-sum term is 0 for a single point). Column prefix sums of the distance
 * matrix make one segment O(length²) instead of O(length³).
 */
final class EnergyStatistic {

    /** A split candidate: {@code index} is the first point of the right part. */
    record Candidate(int index, double qhat) {
    }

    /** prefix[c][r] = sum of |z[i] - z[c]| for i < r. */
    private final double[][] prefix;

    EnergyStatistic(double[] series) {
        int n = series.length;
        prefix = new double[n][n + 1];
        for (int c = 0; c < n; c++) {
            for (int r = 0; r < n; r++) {
                prefix[c][r + 1] = prefix[c][r] + Math.abs(series[r] - series[c]);
            }
        }
    }

    /** Sum of distances from point c to the points in [from, to). */
    private double distances(int c, int from, int to) {
        return prefix[c][to] - prefix[c][from];
    }

    /**
     * The best split of {@code [start, end)} (needs at least 2 points). Ties keep the smallest
     * tau, then the smallest kappa, as numpy's argmax in Otava does.
     */
    Candidate best(int start, int end) {
        if (end - start < 2) {
            throw new IllegalArgumentException("segment [" + start + ", " + end + ") has fewer than 2 points");
        }
        Candidate best = null;
        double withinX = 0;
        for (int tau = start + 1; tau < end; tau++) {
            withinX += distances(tau - 1, start, tau - 1);
            int n = tau - start;
            double cross = 0;
            double withinY = 0;
            for (int kappa = tau + 1; kappa <= end; kappa++) {
                int last = kappa - 1;
                cross += distances(last, start, tau);
                withinY += distances(last, tau, last);
                int m = kappa - tau;
                double q = 2.0 / (m + n) * cross
                        - (n > 1 ? 2.0 * m / ((double) (m + n) * (n - 1)) * withinX : 0)
                        - (m > 1 ? 2.0 * n / ((double) (m + n) * (m - 1)) * withinY : 0);
                if (best == null || q > best.qhat()) {
                    best = new Candidate(tau, q);
                }
            }
        }
        return best;
    }
}
