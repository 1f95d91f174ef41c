package io.mapbench.operator.work;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go duration strings ({@code time.ParseDuration}: "90s", "1m30s", "1.5h", "500ms") as the spec's
 * timeout, benchtime and ttlAfterFinished use them. The CRD's CEL rules reject malformed values
 * first; this is the operator's own reading of them.
 */
public final class GoDuration {
    private static final Pattern WHOLE = Pattern.compile("^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$");
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /**
     * @param field the spec field, for the error message
     * @throws IllegalArgumentException "field: problem" when {@code text} is not a Go duration
     */
    public static Duration parse(String field, String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(field + ": missing (a Go duration such as 90s, 30m or 1h30m)");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" is not a Go duration (e.g. 500ms, 90s, 30m, 1h30m)");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
        }
        try {
            return Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
        } catch (ArithmeticException tooLong) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" is longer than Go's maximum duration (about 292 years)");
        }
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }
}
