package io.mapbench.operator.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one case's counts and expectations, then records its row and fails the test when an
 * expectation did not hold. Every expectation is checked (not only up to the first failure), so
 * the row shows all the counts even on today's code, where many rows are expected to fail.
 */
final class FaultCase {
    private final String id;
    private final String title;
    private final long startNanos = System.nanoTime();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Object> other = new LinkedHashMap<>();
    private Integer runs;
    private Integer terminal;
    private Integer duplicateJobs;
    private Integer lostResults;
    private Integer duplicateResults;
    private Integer orphans;
    private boolean recorded;

    private FaultCase(String id, String title) {
        this.id = id;
        this.title = title;
    }

    static FaultCase start(String id, String title) {
        System.out.println("FAULT " + id + " start: " + title);
        return new FaultCase(id, title);
    }

    FaultCase runs(int created, int finished) {
        this.runs = created;
        this.terminal = finished;
        return expect(finished == created, "%d of %d runs not terminal", created - finished, created);
    }

    /**
     * Runs whose right outcome may be to wait (e.g. for a member that is not Ready): shown in the
     * runs/terminal columns but not expected to finish; the case itself checks that they say why.
     */
    FaultCase runsMayWait(int created, int finished) {
        this.runs = created;
        this.terminal = finished;
        return this;
    }

    FaultCase duplicateJobs(int n) {
        this.duplicateJobs = n;
        return expect(n == 0, "%d duplicate Jobs", n);
    }

    FaultCase results(int lost, int duplicate) {
        this.lostResults = lost;
        this.duplicateResults = duplicate;
        expect(lost == 0, "%d results lost", lost);
        return expect(duplicate == 0, "%d results duplicated", duplicate);
    }

    FaultCase orphans(int n) {
        this.orphans = n;
        return expect(n == 0, "%d remote orphans after cleanup", n);
    }

    /** A further count shown in the row (e.g. "rejected"). */
    FaultCase count(String name, Object value) {
        other.put(name, value);
        return this;
    }

    FaultCase expect(boolean holds, String failureFormat, Object... args) {
        if (!holds) {
            failures.add(String.format(failureFormat, args));
        }
        return this;
    }

    /** Records the row; throws AssertionError listing every failed expectation. */
    void finish() {
        FaultRow row = row();
        FaultTable.record(row);
        recorded = true;
        if (!row.passed()) {
            throw new AssertionError("fault case " + id + " (" + title + "): " + String.join("; ", failures));
        }
    }

    /** For a case that broke off with an exception: its row says so, with what was counted so far. */
    void abort(Throwable cause) {
        if (recorded) {
            return;
        }
        failures.add("aborted: " + cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()));
        FaultTable.record(row());
        recorded = true;
    }

    private FaultRow row() {
        return new FaultRow(id, title, runs, terminal, duplicateJobs, lostResults, duplicateResults, orphans, other,
                (System.nanoTime() - startNanos) / 1e9, failures, Instant.now().toString());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().split("\n", 2)[0];
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
