package io.mapbench.operator.faults;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the reliability table: what a fault case did and the counts it measured. Counts that
 * do not apply to a case (e.g. runs for the result-reader property test) are null and print "-".
 *
 * @param id the issue-10 case number ("1", "2a", ...)
 * @param title what was done to the system
 * @param runs BenchmarkRuns the case created
 * @param terminal of those, how many reached a finished phase
 * @param duplicateJobs remote Jobs beyond one per (run, cluster, Go version), counted by UID
 * @param lostResults jobs Succeeded without their BenchmarkResult
 * @param duplicateResults BenchmarkResults beyond one per (run, cluster, Go version)
 * @param orphans remote objects carrying a deleted run's UID after cleanup
 * @param other further counts of the case, in order
 * @param seconds wall time of the case
 * @param failures expectations that did not hold (empty: the row passes)
 */
record FaultRow(String id, String title, Integer runs, Integer terminal, Integer duplicateJobs, Integer lostResults,
        Integer duplicateResults, Integer orphans, Map<String, Object> other, double seconds, List<String> failures,
        String recordedAt) {

    FaultRow {
        other = other == null ? Map.of() : new LinkedHashMap<>(other);
        failures = List.copyOf(failures);
    }

    boolean passed() {
        return failures.isEmpty();
    }

    /** The one line printed when the case ends. */
    String line() {
        return String.format("FAULT %-4s %-4s %s | runs=%s terminal=%s dupJobs=%s lostResults=%s dupResults=%s orphans=%s%s | %.0fs%s",
                id, passed() ? "PASS" : "FAIL", title, dash(runs), dash(terminal), dash(duplicateJobs), dash(lostResults),
                dash(duplicateResults), dash(orphans), otherText().isEmpty() ? "" : " " + otherText(), seconds,
                passed() ? "" : " | " + String.join("; ", failures));
    }

    String otherText() {
        StringBuilder s = new StringBuilder();
        other.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return s.toString();
    }

    static String dash(Integer n) {
        return n == null ? "-" : n.toString();
    }
}
