package io.mapbench.operator.schedule;

import io.mapbench.operator.changepoint.EDivisive;

/** The schedule's change-point detector: E-Divisive means (package changepoint) with the schedule's settings. */
final class ChangePointDetection {
    private ChangePointDetection() {
    }

    static ScheduleChangePoints.Detector eDivisive(double pValue, double minMagnitudePercent) {
        return medians -> EDivisive.detect(medians, pValue, minMagnitudePercent).stream()
                .map(f -> new ScheduleChangePoints.Shift(f.index(), f.meanBefore(), f.meanAfter(), f.pValue()))
                .toList();
    }
}
