package io.mapbench.operator.changepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EnergyStatisticTest {

    @Test
    void twoLevelsSplitBetweenThem() {
        // X = [0, 0], Y = [1, 1]: Q = 2/4 * (4 pairs * 1) - 0 - 0 = 2, the largest of all (tau, kappa).
        EnergyStatistic.Candidate best = new EnergyStatistic(new double[] {0, 0, 1, 1}).best(0, 4);

        assertThat(best.index()).isEqualTo(2);
        assertThat(best.qhat()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void withinSegmentSpreadIsSubtracted() {
        // Only tau = 1: X = [0], Y = [0, 3] (kappa = 3): 2/3 * 3 - 0 - 2*1/(3*1) * 3 = 0;
        // Y = [0] (kappa = 2): 0. tau = 2: X = [0, 0], Y = [3]: 2/3 * 6 - 0 - 0 = 4: the best.
        EnergyStatistic.Candidate best = new EnergyStatistic(new double[] {0, 0, 3}).best(0, 3);

        assertThat(best.index()).isEqualTo(2);
        assertThat(best.qhat()).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void aSubSegmentIsAnalysedAlone() {
        EnergyStatistic.Candidate best = new EnergyStatistic(new double[] {9, 9, 0, 0, 1, 1}).best(2, 6);

        assertThat(best.index()).isEqualTo(4);
        assertThat(best.qhat()).isCloseTo(2.0, within(1e-12));
    }
}
