package io.mapbench.operator.changepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SegmentTestTest {

    @Test
    void pooledTTestWithPopulationDeviationsAsOtava() {
        // [1, 3] vs [5, 7]: population variances 1 and 1, pooled (1 + 1) / 2 = 1, se = sqrt(1 * (1/2 + 1/2)) = 1,
        // t = 4 with 2 degrees of freedom, where the two-sided p is 1 - t / sqrt(t^2 + 2) in closed form.
        SegmentTest.Stats stats = SegmentTest.compare(new double[] {1, 3, 5, 7}, 0, 2, 4);

        assertThat(stats.meanBefore()).isEqualTo(2);
        assertThat(stats.meanAfter()).isEqualTo(6);
        assertThat(stats.pValue()).isCloseTo(1 - 4 / Math.sqrt(18), within(1e-12));
        assertThat(stats.magnitude()).isCloseTo(2.0, within(1e-12)); // 2 -> 6 is +200%, backward -66.7%
    }

    @Test
    void segmentsWithoutSpread() {
        assertThat(SegmentTest.compare(new double[] {4, 4, 4, 4}, 0, 2, 4).pValue()).isEqualTo(1.0);
        assertThat(SegmentTest.compare(new double[] {4, 4, 5, 5}, 0, 2, 4).pValue()).isEqualTo(0.0);
        assertThat(SegmentTest.compare(new double[] {4, 5}, 0, 1, 2).pValue()).isEqualTo(1.0);
    }
}
