package io.mapbench.operator.changepoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * E-Divisive means change-point detection as Apache Otava (Hunter, Fleming et al. 2023) does it:
 * <ol>
 * <li><b>Split</b>: over sliding windows of {@value #WINDOW} points (step half a window), the window
 * is divided recursively at the split that maximises the energy statistic
 * ({@link EnergyStatistic}) as long as a t-test of the two segments either side of the new split
 * is significant at a relaxed level (10× the requested p-value, 2× from 0.05). Instead of
 * Matteson and James' permutation test, which needs random shuffles and hundreds of
 * recomputations, the t-test gives a deterministic answer.</li>
 * <li><b>Merge</b>: the union of those "weak" change points is thinned bottom-up: while any point
 * has p ≥ the requested p-value, the one with the largest p-value is dropped; then, while the
 * smallest shift is not above the minimum magnitude, that one is dropped. After each drop the
 * remaining points are re-tested against their new neighbouring segments.</li>
 * </ol>
 * A single outlier cannot pass: its own one-point segment has no spread, but the next split
 * must stand against whole segments, and the minimum magnitude filters small steps.
 */
public final class EDivisive {

    /** Otava's default sliding window. */
    static final int WINDOW = 50;

    private EDivisive() {
    }

    /**
     * @param series              one value per run, oldest first (e.g. per-run medians of ns/op)
     * @param pValue              significance in (0, 1): a change point's segments differ with t-test p below it
     * @param minMagnitudePercent smallest shift of the segment means (the larger of the forward and
     *                            backward relative change) in percent, at least 0
     * @return change points in index order; empty for fewer than 3 points
     */
    public static List<ChangePointFound> detect(double[] series, double pValue, double minMagnitudePercent) {
        validate(series, pValue, minMagnitudePercent);
        if (series.length < 3) {
            return List.of();
        }
        double weakPValue = pValue < 0.05 ? pValue * 10 : (pValue < 0.5 ? pValue * 2 : pValue);
        List<Integer> weak = split(series, weakPValue);
        return merge(series, weak, pValue, minMagnitudePercent / 100.0);
    }

    private static void validate(double[] series, double pValue, double minMagnitudePercent) {
        if (series == null) {
            throw new IllegalArgumentException("series must not be null");
        }
        for (int i = 0; i < series.length; i++) {
            if (!Double.isFinite(series[i])) {
                throw new IllegalArgumentException("series[" + i + "] is " + series[i] + "; only finite values are allowed");
            }
        }
        if (!(pValue > 0 && pValue < 1)) {
            throw new IllegalArgumentException("pValue is " + pValue + "; allowed: 0 < pValue < 1");
        }
        if (!(minMagnitudePercent >= 0) || Double.isInfinite(minMagnitudePercent)) {
            throw new IllegalArgumentException("minMagnitudePercent is " + minMagnitudePercent + "; allowed: a finite value >= 0");
        }
    }

    /** Weak change points (absolute indexes, sorted) from divisive detection in each window. */
    private static List<Integer> split(double[] series, double weakPValue) {
        TreeSet<Integer> found = new TreeSet<>();
        int step = WINDOW / 2;
        int start = 0;
        while (start < series.length) {
            int end = Math.min(start + WINDOW, series.length);
            List<Integer> inWindow = divide(series, start, end, weakPValue);
            found.addAll(inWindow);
            int lastFound = inWindow.isEmpty() ? 0 : inWindow.get(inWindow.size() - 1);
            start = Math.max(lastFound, start + step);
        }
        return new ArrayList<>(found);
    }

    /** Recursive division of series[start, end): the best split over all segments, while significant. */
    private static List<Integer> divide(double[] series, int start, int end, double weakPValue) {
        EnergyStatistic energy = new EnergyStatistic(Arrays.copyOfRange(series, start, end));
        TreeSet<Integer> points = new TreeSet<>();
        while (true) {
            List<Integer> bounds = bounds(points, 0, end - start);
            EnergyStatistic.Candidate best = null;
            int segment = -1;
            for (int s = 0; s + 1 < bounds.size(); s++) {
                if (bounds.get(s + 1) - bounds.get(s) < 2) {
                    continue;
                }
                EnergyStatistic.Candidate c = energy.best(bounds.get(s), bounds.get(s + 1));
                if (best == null || c.qhat() > best.qhat()) {
                    best = c;
                    segment = s;
                }
            }
            if (best == null) {
                break;
            }
            SegmentTest.Stats stats = SegmentTest.compare(series, start + bounds.get(segment), start + best.index(),
                    start + bounds.get(segment + 1));
            if (stats.pValue() > weakPValue) {
                break;
            }
            points.add(best.index());
        }
        List<Integer> absolute = new ArrayList<>();
        for (int p : points) {
            absolute.add(start + p);
        }
        return absolute;
    }

    /** Segment boundaries: from, every point, to. */
    private static List<Integer> bounds(Collection<Integer> points, int from, int to) {
        List<Integer> bounds = new ArrayList<>(points.size() + 2);
        bounds.add(from);
        bounds.addAll(points);
        bounds.add(to);
        return bounds;
    }

    private static List<ChangePointFound> merge(double[] series, List<Integer> weak, double pValue, double minMagnitude) {
        List<Integer> points = new ArrayList<>(weak);
        while (!points.isEmpty()) {
            List<SegmentTest.Stats> stats = stats(series, points);
            int weakest = 0;
            for (int i = 1; i < stats.size(); i++) {
                if (stats.get(i).pValue() > stats.get(weakest).pValue()) {
                    weakest = i;
                }
            }
            if (stats.get(weakest).pValue() < pValue) {
                weakest = 0;
                for (int i = 1; i < stats.size(); i++) {
                    if (stats.get(i).magnitude() < stats.get(weakest).magnitude()) {
                        weakest = i;
                    }
                }
                if (stats.get(weakest).magnitude() > minMagnitude) {
                    return found(points, stats);
                }
            }
            points.remove(weakest);
        }
        return List.of();
    }

    /** Each point tested against the segments between its neighbours. */
    private static List<SegmentTest.Stats> stats(double[] series, List<Integer> points) {
        List<Integer> bounds = bounds(points, 0, series.length);
        List<SegmentTest.Stats> stats = new ArrayList<>(points.size());
        for (int i = 1; i + 1 < bounds.size(); i++) {
            stats.add(SegmentTest.compare(series, bounds.get(i - 1), bounds.get(i), bounds.get(i + 1)));
        }
        return stats;
    }

    private static List<ChangePointFound> found(List<Integer> points, List<SegmentTest.Stats> stats) {
        List<ChangePointFound> found = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            SegmentTest.Stats s = stats.get(i);
            found.add(new ChangePointFound(points.get(i), s.meanBefore(), s.meanAfter(), s.pValue()));
        }
        return List.copyOf(found);
    }
}
