package io.mapbench.operator.faults;

import java.util.Locale;

/**
 * -Dfaults.level: {@code quick} (the CI subset inside `make test`) or {@code full} (`make faults`).
 * A case marked full-only is skipped, visibly, at quick level.
 */
enum FaultLevel {
    QUICK, FULL;

    static FaultLevel current() {
        String level = System.getProperty("faults.level", "quick").strip().toUpperCase(Locale.ROOT);
        try {
            return valueOf(level);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-Dfaults.level=" + level.toLowerCase(Locale.ROOT) + " (allowed: quick, full)");
        }
    }

    static boolean full() {
        return current() == FULL;
    }
}
