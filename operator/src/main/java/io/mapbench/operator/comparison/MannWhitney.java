package io.mapbench.operator.comparison;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * The two-sided Mann-Whitney U p-value with benchmath's choice of method (go-moremath's
 * MannWhitneyUTest as called by AssumeNothing.Compare):
 * <ul>
 * <li>no ties and at most 50 samples a side: the exact U distribution (commons-statistics, EXACT);</li>
 * <li>ties and at most 25 a side: the exact distribution given the ties ({@link TiedUDistribution});</li>
 * <li>otherwise the normal approximation with tie-corrected variance and a continuity correction of
 * 1/2 (commons-statistics, ASYMPTOTIC, continuity correction enabled);</li>
 * <li>all pooled values equal (no U test possible): p = 1, as benchstat reports it.</li>
 * </ul>
 */
final class MannWhitney {

    private static final int EXACT_LIMIT = 50;
    private static final int TIES_EXACT_LIMIT = 25;

    private static final MannWhitneyUTest EXACT = MannWhitneyUTest.withDefaults()
            .with(AlternativeHypothesis.TWO_SIDED)
            .with(PValueMethod.EXACT);
    private static final MannWhitneyUTest ASYMPTOTIC = MannWhitneyUTest.withDefaults()
            .with(AlternativeHypothesis.TWO_SIDED)
            .with(PValueMethod.ASYMPTOTIC)
            .with(ContinuityCorrection.ENABLED);

    private MannWhitney() {
    }

    static double pValue(double[] x, double[] y) {
        if (x.length == 0 || y.length == 0) {
            throw new IllegalArgumentException("both samples need values (got " + x.length + " and " + y.length + ")");
        }
        int[] ties = tieGroups(x, y);
        boolean hasTies = ties.length < x.length + y.length;
        if (ties.length == 1) {
            return 1.0;
        }
        if (!hasTies && x.length <= EXACT_LIMIT && y.length <= EXACT_LIMIT) {
            return EXACT.test(x, y).getPValue();
        }
        if (hasTies && x.length <= TIES_EXACT_LIMIT && y.length <= TIES_EXACT_LIMIT) {
            return exactWithTies(x, y, ties);
        }
        return ASYMPTOTIC.test(x, y).getPValue();
    }

    private static double exactWithTies(double[] x, double[] y, int[] ties) {
        double u1 = MannWhitneyUTest.withDefaults().statistic(x, y);
        double u2 = (double) x.length * y.length - u1;
        if (u1 == u2) {
            return 1.0;
        }
        return 2 * new TiedUDistribution(x.length, y.length, ties).cdf(Math.min(u1, u2));
    }

    /** Sizes of the groups of equal values in the pooled sample, in ascending order of value. */
    static int[] tieGroups(double[] x, double[] y) {
        double[] pooled = new double[x.length + y.length];
        System.arraycopy(x, 0, pooled, 0, x.length);
        System.arraycopy(y, 0, pooled, x.length, y.length);
        Arrays.sort(pooled);
        List<Integer> groups = new ArrayList<>();
        int i = 0;
        while (i < pooled.length) {
            int j = i;
            while (j < pooled.length && pooled[j] == pooled[i]) {
                j++;
            }
            groups.add(j - i);
            i = j;
        }
        return groups.stream().mapToInt(Integer::intValue).toArray();
    }
}
