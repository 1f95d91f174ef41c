package io.mapbench.operator.changepoint;

import java.util.List;
import java.util.Locale;

/**
 * Detection and false-positive rates of {@link EDivisive} on seeded synthetic series (a bench
 * main, run by operator/bench/changepoints.sh; not a test). Each scenario draws SERIES series of
 * LENGTH points with Gaussian noise of the given coefficient of variation:
 * <ul>
 * <li>step: the level changes by step% at a random index in the middle half; detected when a
 * change point lies within ±1 of it, a false positive when any other point is reported;</li>
 * <li>noise: no change; any change point is a false positive;</li>
 * <li>outlier: one point +50% at a random index; any change point is a false positive.</li>
 * </ul>
 * Arguments: [series=1000] [length=30] [pValue=0.001] [minMagnitudePercent=5].
 */
public final class ChangePointRates {

    private ChangePointRates() {
    }

    public static void main(String[] args) {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int length = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        double p = args.length > 2 ? Double.parseDouble(args[2]) : 0.001;
        double minMagnitude = args.length > 3 ? Double.parseDouble(args[3]) : 5;
        System.out.printf(Locale.ROOT, "E-Divisive means: %d series of %d points per row, pValue %s, minMagnitudePercent %s%n",
                series, length, p, minMagnitude);
        System.out.printf(Locale.ROOT, "%-8s %6s %5s %10s %10s%n", "scenario", "step%", "cv%", "detected", "false-pos");
        for (double cv : new double[] {1, 2, 5}) {
            for (double step : new double[] {2, 5, 10, 20}) {
                row("step", step, cv, series, length, p, minMagnitude);
            }
        }
        for (double cv : new double[] {1, 2, 5}) {
            row("noise", 0, cv, series, length, p, minMagnitude);
        }
        for (double cv : new double[] {1, 2, 5}) {
            row("outlier", 0, cv, series, length, p, minMagnitude);
        }
    }

    private static void row(String scenario, double step, double cv, int series, int length, double p, double minMagnitude) {
        int detected = 0;
        int falsePositives = 0;
        for (int s = 0; s < series; s++) {
            long seed = 1_000_003L * s + (long) (step * 1000) + (long) (cv * 10) + scenario.hashCode();
            SyntheticSeries gen = new SyntheticSeries(seed);
            int at = length / 4 + (int) Math.floorMod(seed * 31, (long) Math.max(1, length / 2));
            double[] values = switch (scenario) {
                case "step" -> gen.step(length, at, step, 1000, cv / 100);
                case "outlier" -> {
                    double[] v = gen.noise(length, 1000, cv / 100);
                    v[at] *= 1.5;
                    yield v;
                }
                default -> gen.noise(length, 1000, cv / 100);
            };
            List<ChangePointFound> found = EDivisive.detect(values, p, minMagnitude);
            boolean hit = scenario.equals("step") && found.stream().anyMatch(c -> Math.abs(c.index() - at) <= 1);
            boolean other = found.stream().anyMatch(c -> !scenario.equals("step") || Math.abs(c.index() - at) > 1);
            detected += hit ? 1 : 0;
            falsePositives += other ? 1 : 0;
        }
        boolean steps = scenario.equals("step");
        System.out.printf(Locale.ROOT, "%-8s %6s %5.0f %10s %9.1f%%%n", scenario,
                steps ? String.format(Locale.ROOT, "%.0f", step) : "-", cv,
                steps ? String.format(Locale.ROOT, "%.1f%%", 100.0 * detected / series) : "-", 100.0 * falsePositives / series);
    }
}
