package io.mapbench.operator.changepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EDivisiveTest {

    private static final double P = 0.001;
    private static final double MIN_MAGNITUDE = 5;

    @ParameterizedTest(name = "step {1}% at {0} with CV {2}")
    @CsvSource({
            "15, 10, 0.01",
            "15, -10, 0.01",
            "8, 20, 0.02",
            "22, 8, 0.01",
            "12, 15, 0.03",
    })
    void findsOneStepWithinOneIndex(int at, double stepPercent, double cv) {
        for (long seed = 1; seed <= 20; seed++) {
            double[] series = new SyntheticSeries(seed).step(30, at, stepPercent, 1000, cv);

            List<ChangePointFound> found = EDivisive.detect(series, P, MIN_MAGNITUDE);

            assertThat(found).as("seed %d", seed).hasSize(1);
            assertThat(found.get(0).index()).as("seed %d", seed).isBetween(at - 1, at + 1);
            assertThat(found.get(0).changePercent()).as("seed %d", seed).isCloseTo(stepPercent, within(3.0));
            assertThat(found.get(0).pValue()).isLessThan(P);
        }
    }

    @Test
    void findsTwoStepsInALongSeriesAcrossWindows() {
        for (long seed = 1; seed <= 20; seed++) {
            double[] series = new SyntheticSeries(seed).step(120, 40, 12, 1000, 0.01);
            for (int i = 85; i < series.length; i++) {
                series[i] *= 0.85;
            }

            List<ChangePointFound> found = EDivisive.detect(series, P, MIN_MAGNITUDE);

            assertThat(found).as("seed %d", seed).extracting(ChangePointFound::index)
                    .hasSize(2)
                    .satisfies(idx -> {
                        assertThat(idx.get(0)).isBetween(39, 41);
                        assertThat(idx.get(1)).isBetween(84, 86);
                    });
        }
    }

    @Test
    void pureNoiseHasNoChangePoint() {
        for (long seed = 1; seed <= 50; seed++) {
            double[] series = new SyntheticSeries(seed).noise(30, 1000, 0.03);

            assertThat(EDivisive.detect(series, P, MIN_MAGNITUDE)).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void oneOutlierIsNoChangePoint() {
        for (long seed = 1; seed <= 50; seed++) {
            double[] series = new SyntheticSeries(seed).noise(30, 1000, 0.01);
            series[17] *= 1.5;

            assertThat(EDivisive.detect(series, P, MIN_MAGNITUDE)).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void aShiftBelowTheMinimumMagnitudeIsNotReported() {
        // A 3% step at CV 0.2% is highly significant but smaller than 5%.
        double[] series = new SyntheticSeries(7).step(30, 15, 3, 1000, 0.002);

        assertThat(EDivisive.detect(series, P, 5)).isEmpty();
        assertThat(EDivisive.detect(series, P, 1)).extracting(ChangePointFound::index).containsExactly(15);
    }

    @Test
    void exactStepReportsItsSegmentMeans() {
        double[] series = {100, 100, 100, 100, 100, 120, 120, 120, 120, 120};

        List<ChangePointFound> found = EDivisive.detect(series, P, MIN_MAGNITUDE);

        assertThat(found).containsExactly(new ChangePointFound(5, 100, 120, 0.0));
        assertThat(found.get(0).changePercent()).isCloseTo(20, within(1e-9));
    }

    @Test
    void constantAndShortSeriesHaveNone() {
        assertThat(EDivisive.detect(new double[] {5, 5, 5, 5, 5, 5}, P, 0)).isEmpty();
        assertThat(EDivisive.detect(new double[] {1, 9}, P, 0)).isEmpty();
        assertThat(EDivisive.detect(new double[0], P, 0)).isEmpty();
    }

    @Test
    void badInputNamesTheArgumentAndWhatIsAllowed() {
        assertThatThrownBy(() -> EDivisive.detect(null, P, 5)).hasMessageContaining("series must not be null");
        assertThatThrownBy(() -> EDivisive.detect(new double[] {1, Double.NaN, 3}, P, 5))
                .hasMessageContaining("series[1] is NaN").hasMessageContaining("finite");
        assertThatThrownBy(() -> EDivisive.detect(new double[] {1, 2, 3}, 0, 5))
                .hasMessageContaining("pValue is 0.0; allowed: 0 < pValue < 1");
        assertThatThrownBy(() -> EDivisive.detect(new double[] {1, 2, 3}, P, -1))
                .hasMessageContaining("minMagnitudePercent is -1.0");
    }
}
