package io.mapbench.operator.comparison;

import org.apache.commons.numbers.combinatorics.BinomialCoefficientDouble;

/**
 * The exact null distribution of the Mann-Whitney U statistic when the pooled sample has ties,
 * which benchmath uses for samples of up to 25 on each side (commons-statistics' exact method
 * assumes no ties). Under the null hypothesis every choice of which n1 of the N pooled values
 * belong to the first sample is equally likely; with tie groups of sizes t_1..t_K (ascending
 * values, midranks m_k), choosing r_k values of group k gives R1 = Σ r_k m_k with
 * Π C(t_k, r_k) ways. A dynamic program over the groups counts the ways per (values chosen, 2·R1),
 * 2·midrank being an integer.
 */
final class TiedUDistribution {

    /** ways[c][twoR] after all groups: choices of c values with 2·R1 = twoR. */
    private final double[][] ways;
    private final int n1;
    private final int n2;
    private final double total;

    TiedUDistribution(int n1, int n2, int[] tieGroups) {
        this.n1 = n1;
        this.n2 = n2;
        int n = n1 + n2;
        int maxTwoR = n * (n + 1);
        double[][] current = new double[n1 + 1][maxTwoR + 1];
        current[0][0] = 1;
        int before = 0;
        for (int t : tieGroups) {
            int twoMidrank = 2 * before + t + 1;
            double[][] next = new double[n1 + 1][maxTwoR + 1];
            for (int c = 0; c <= n1; c++) {
                for (int twoR = 0; twoR <= maxTwoR; twoR++) {
                    double w = current[c][twoR];
                    if (w == 0) {
                        continue;
                    }
                    for (int r = 0; r <= t && c + r <= n1; r++) {
                        next[c + r][twoR + r * twoMidrank] += w * BinomialCoefficientDouble.value(t, r);
                    }
                }
            }
            current = next;
            before += t;
        }
        this.ways = current;
        this.total = BinomialCoefficientDouble.value(n, n1);
    }

    /** P(U1 ≤ u), U1 = R1 - n1(n1+1)/2. */
    double cdf(double u) {
        if (u < 0) {
            return 0;
        }
        if (u >= (double) n1 * n2) {
            return 1;
        }
        double limit = 2 * (u + n1 * (n1 + 1) / 2.0);
        double sum = 0;
        for (int twoR = 0; twoR < ways[n1].length && twoR <= limit + 1e-9; twoR++) {
            sum += ways[n1][twoR];
        }
        return sum / total;
    }
}
