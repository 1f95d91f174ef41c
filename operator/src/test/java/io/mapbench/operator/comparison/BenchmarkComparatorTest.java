package io.mapbench.operator.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mapbench.operator.api.v1alpha1.BenchmarkComparison;
import io.mapbench.operator.api.v1alpha1.ComparisonVerdict;
import org.junit.jupiter.api.Test;

class BenchmarkComparatorTest {

    private static final double[] BASE = {107, 100, 103, 101, 105, 102, 106, 104};

    @Test
    void disjointSamplesAreSignificantBothWays() {
        // No overlap: U = 0, and of the C(16, 8) = 12870 equally likely splits only the two extreme ones are as far apart.
        BenchmarkComparison slower = BenchmarkComparator.compare("B", BASE, new double[] {120, 121, 122, 123, 124, 125, 126, 127},
                0.05);
        BenchmarkComparison faster = BenchmarkComparator.compare("B", BASE, new double[] {80, 81, 82, 83, 84, 85, 86, 87}, 0.05);

        assertThat(slower.getPValue()).isCloseTo(2.0 / 12870, within(1e-15));
        assertThat(slower.getVerdict()).isEqualTo(ComparisonVerdict.Slower);
        assertThat(slower.getChangePercent()).isCloseTo((123.5 / 103.5 - 1) * 100, within(1e-9));
        assertThat(faster.getPValue()).isCloseTo(2.0 / 12870, within(1e-15));
        assertThat(faster.getVerdict()).isEqualTo(ComparisonVerdict.Faster);
        assertThat(faster.getChangePercent()).isCloseTo((83.5 / 103.5 - 1) * 100, within(1e-9));
    }

    @Test
    void eightSamplesHaveTheOrderStatisticsOneAndSevenAsInterval() {
        // Binomial(8, 1/2) grown from the mode, left on ties: orders [1, 7) cover 246/256 = 96.1% >= 95%.
        BenchmarkComparison c = BenchmarkComparator.compare("B", BASE, BASE, 0.05);

        assertThat(c.getBase().getMedian()).isEqualTo(103.5);
        assertThat(c.getBase().getLow()).isEqualTo(100);
        assertThat(c.getBase().getHigh()).isEqualTo(106);
        assertThat(c.getBase().getSamples()).isEqualTo(8);
        assertThat(c.getVerdict()).isEqualTo(ComparisonVerdict.Unchanged);
        assertThat(c.getChangePercent()).isZero();
    }

    @Test
    void fiveSamplesHaveNoLowerBoundAndNoVerdict() {
        // n = 5: the walk reaches order 0 before 95% (31/32 with orders [0, 5)), an infinite lower bound.
        double[] five = {10, 14, 11, 13, 12};
        BenchmarkComparison c = BenchmarkComparator.compare("B", five, new double[] {20, 21, 22, 23, 24, 25}, 0.05);

        assertThat(c.getBase().getMedian()).isEqualTo(12);
        assertThat(c.getBase().getLow()).isNull();
        assertThat(c.getBase().getHigh()).isEqualTo(14);
        assertThat(c.getCandidate().getLow()).isEqualTo(20);
        assertThat(c.getCandidate().getHigh()).isEqualTo(25);
        assertThat(c.getVerdict()).isEqualTo(ComparisonVerdict.InsufficientSamples);
        assertThat(c.getPValue()).isLessThan(0.05);
    }

    @Test
    void overlappingSamplesAreUnchanged() {
        BenchmarkComparison c = BenchmarkComparator.compare("B", BASE,
                new double[] {100.5, 101.5, 102.5, 103.5, 104.5, 105.5, 106.5, 107.5}, 0.05);

        assertThat(c.getPValue()).isGreaterThan(0.5);
        assertThat(c.getVerdict()).isEqualTo(ComparisonVerdict.Unchanged);
    }

    @Test
    void allValuesEqualGivePOne() {
        double[] same = {5, 5, 5, 5, 5, 5};
        assertThat(BenchmarkComparator.compare("B", same, same, 0.05).getPValue()).isEqualTo(1.0);
    }

    @Test
    void alphaOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> BenchmarkComparator.compare("B", BASE, BASE, 0))
                .hasMessageContaining("alpha is 0.0; allowed: 0 < alpha < 1");
    }
}
