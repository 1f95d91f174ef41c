package io.mapbench.operator.faults;

import java.util.Locale;

/**
 * -Dfaults.level: {@code quick} (the CI subset inside `make test`) or {@code full} (`make faults`).
 * A case marked full-only is skipped, visibly, at quick level.
 */
enum FaultLevel {
    QUICK, FULL;

    /**
     * JUnit tag of the cases that fault only their own operator, MemberClusters and namespace:
     * `make faults` runs them side by side, then the others (which stop or slow a whole local
     * cluster) one at a time (operator/pom.xml, profile faults).
     */
    static final String SHARED = "fault-shared";

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
