package io.mapbench.operator.changepoint;

import java.util.SplittableRandom;

/** Seeded synthetic benchmark series: Gaussian noise around a level that may step; shared by tests and the bench main. */
final class SyntheticSeries {

    private final SplittableRandom random;

    SyntheticSeries(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** {@code length} points around {@code level} with coefficient of variation {@code cv}. */
    double[] noise(int length, double level, double cv) {
        double[] series = new double[length];
        for (int i = 0; i < length; i++) {
            series[i] = level * (1 + cv * gaussian());
        }
        return series;
    }

    /** Noise whose level is multiplied by {@code 1 + stepPercent/100} from index {@code at} on. */
    double[] step(int length, int at, double stepPercent, double level, double cv) {
        double[] series = noise(length, level, cv);
        for (int i = at; i < length; i++) {
            series[i] *= 1 + stepPercent / 100.0;
        }
        return series;
    }

    private double gaussian() {
        // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
