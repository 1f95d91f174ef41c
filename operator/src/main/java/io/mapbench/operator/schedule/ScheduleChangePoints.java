package io.mapbench.operator.schedule;

import io.mapbench.operator.api.v1alpha1.ChangePoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Change points of a schedule's history for its status: each series' medians go through the
 * detector (E-Divisive means); each shift becomes a {@link ChangePoint} naming the first run after
 * it and the medians of the segments either side (bounded by the neighbouring change points).
 * Most recent first, at most {@value #MAX_REPORTED}.
 */
public final class ScheduleChangePoints {
    public static final int MAX_REPORTED = 20;

    /** A shift found in one series; {@code index} is the first point of the new segment. */
    public record Shift(int index, double meanBefore, double meanAfter, double pValue) {
    }

    /** Finds the shifts of one series of medians, oldest first. */
    @FunctionalInterface
    public interface Detector {
        List<Shift> detect(double[] medians);
    }

    private static final Comparator<ChangePoint> MOST_RECENT_FIRST = Comparator
            .comparing(ChangePoint::getTime, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ChangePoint::getCluster)
            .thenComparing(ChangePoint::getGoVersion)
            .thenComparing(ChangePoint::getBenchmark);

    private ScheduleChangePoints() {
    }

    public static List<ChangePoint> find(List<ResultHistory.Series> series, Detector detector) {
        List<ChangePoint> out = new ArrayList<>();
        for (ResultHistory.Series s : series) {
            double[] medians = s.medians();
            List<Shift> shifts = detector.detect(medians).stream().sorted(Comparator.comparingInt(Shift::index)).toList();
            for (int k = 0; k < shifts.size(); k++) {
                Shift shift = shifts.get(k);
                int from = k == 0 ? 0 : shifts.get(k - 1).index();
                int to = k + 1 < shifts.size() ? shifts.get(k + 1).index() : medians.length;
                ResultHistory.Point first = s.points().get(shift.index());
                ChangePoint cp = new ChangePoint();
                cp.setCluster(s.cluster());
                cp.setGoVersion(s.goVersion());
                cp.setBenchmark(s.benchmark());
                cp.setRun(first.run());
                cp.setTime(first.time());
                cp.setBeforeMedian(median(Arrays.copyOfRange(medians, from, shift.index())));
                cp.setAfterMedian(median(Arrays.copyOfRange(medians, shift.index(), to)));
                cp.setChangePercent((shift.meanAfter() - shift.meanBefore()) / shift.meanBefore() * 100);
                cp.setPValue(shift.pValue());
                out.add(cp);
            }
        }
        out.sort(MOST_RECENT_FIRST);
        return out.size() > MAX_REPORTED ? List.copyOf(out.subList(0, MAX_REPORTED)) : out;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
