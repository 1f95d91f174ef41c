package io.mapbench.operator.changepoint;

/**
 * A sustained shift found by {@link EDivisive}.
 *
 * @param index      first point of the new segment (0-based, into the series given)
 * @param meanBefore mean of the segment ending just before {@code index}
 * @param meanAfter  mean of the segment starting at {@code index}
 * @param pValue     two-sided t-test p-value of those two segments
 */
public record ChangePointFound(int index, double meanBefore, double meanAfter, double pValue) {

    /** Change of the segment means in percent of the earlier one (NaN when it is 0). */
    public double changePercent() {
        return meanBefore == 0 ? Double.NaN : (meanAfter / meanBefore - 1.0) * 100.0;
    }
}
