package io.mapbench.operator.work;

import java.time.Duration;

/**
 * The policy input's {@code estimate}: the work a run puts on ONE cluster, all its Go versions
 * together (policies/admission/work.rego), computed from the catalog's cost model.
 *
 * @param benchmarks         benchmark rows (variants x combinations; an observation counts as one) x Go versions
 * @param largestSize        the largest map size any runnable combination uses
 * @param cpuSeconds         estimated CPU-seconds, rounded up
 * @param largestMemoryBytes peak heap of the most demanding combination (combinations run one at a time)
 */
public record WorkEstimate(long benchmarks, long largestSize, long cpuSeconds, long largestMemoryBytes) {

    /**
     * go test runs a benchmark with growing iteration counts until one run lasts benchtime, so a
     * sample costs up to about twice the benchtime (the catalog's estimateFormula says the same).
     */
    static final double CALIBRATION_FACTOR = 2.0;
    /** Cost of visiting one map entry when a benchtime is an iteration count (cache-missing worst case). */
    static final double NANOS_PER_VISIT = 5.0;
    /** Cost of inserting one map entry while building a combination's maps. */
    static final double NANOS_PER_SETUP_ENTRY = 200.0;

    public static WorkEstimate of(Catalog catalog, WorkPlan plan, int goVersions) {
        if (goVersions < 1) {
            throw new IllegalArgumentException("goVersions: " + goVersions + " (a run has at least one)");
        }
        Benchtime benchtime = Benchtime.parse(plan.benchtime());
        long rows = 0;
        long largestSize = 0;
        long largestMemory = 0;
        double nanos = 0;
        for (WorkPlan.Item item : plan.items()) {
            Catalog.Scenario s = item.scenario();
            Catalog.Estimate e = s.estimate();
            int variants = s.variants() == null ? 0 : s.variants().size();
            for (WorkPlan.Combo c : item.combos()) {
                largestSize = Math.max(largestSize, c.size());
                largestMemory = Math.max(largestMemory, catalog.memoryBytes(s, c.keyType(), c.valueType(), c.size()));
                double visitNanos = c.size() * e.visitsPerEntry() * NANOS_PER_VISIT;
                nanos += c.size() * e.setupEntriesFactor() * NANOS_PER_SETUP_ENTRY;
                if (variants == 0) {
                    rows += 1;
                    nanos += visitNanos; // an observation runs once
                } else {
                    rows += variants;
                    double sample = benchtime.iterations() > 0 ? benchtime.iterations() * visitNanos
                            : benchtime.duration().toNanos() * CALIBRATION_FACTOR;
                    nanos += (double) variants * plan.repetitions() * sample;
                }
            }
        }
        long cpuSeconds = (long) Math.ceil(nanos * goVersions / 1e9);
        return new WorkEstimate(rows * goVersions, largestSize, cpuSeconds, largestMemory);
    }

    /** go test's -benchtime: a duration, or an iteration count "Nx". */
    record Benchtime(Duration duration, long iterations) {
        static Benchtime parse(String text) {
            if (text.matches("^[1-9][0-9]*x$")) {
                return new Benchtime(Duration.ZERO, Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return new Benchtime(GoDuration.parse("spec.benchtime", text), 0);
        }
    }
}
