package io.mapbench.operator.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.mapbench.operator.api.v1alpha1.BenchmarkComparison;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkResultSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkSchedule;
import io.mapbench.operator.api.v1alpha1.ChangePoint;
import io.mapbench.operator.api.v1alpha1.ComparisonVerdict;
import io.mapbench.operator.api.v1alpha1.ResultComparison;
import io.mapbench.operator.api.v1alpha1.SampleSummary;
import io.mapbench.operator.api.v1alpha1.ScheduleMetadata;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which result series /q/metrics exports, and their values, computed from the stored
 * BenchmarkResults and BenchmarkSchedules alone (pure: no client, no clock; CONVENTIONS.md §1).
 *
 * <p>Identity over time: a schedule's series are keyed by (namespace, schedule, cluster, Go version,
 * benchmark) with an empty {@code run} label and take the values of the schedule's newest result
 * for that cluster and Go version, so Prometheus keeps ONE series per scheduled benchmark whose
 * value changes with every run; {@code mapbench_benchmark_result_info} says which run feeds it. A
 * one-off run's series carry its name in {@code run} and an empty {@code schedule}; only the
 * {@code oneOffRuns} most recent one-off runs are exported, which bounds the cardinality.
 */
public final class ResultSeries {
    /** One exported sample: metric (Micrometer name), its labels (sorted) and value. */
    public record Sample(String metric, Map<String, String> labels, double value) {
    }

    /** A gauge fed by one unit of the result document's stats, divided by {@code divisor} (ns -> s). */
    record UnitGauge(String unit, String metric, double divisor) {
    }

    @SuppressWarnings("removal")
    static final List<UnitGauge> UNIT_GAUGES = List.of(
            new UnitGauge("nsPerOp", ResultMetrics.SECONDS_PER_OP, 1e9),
            new UnitGauge("nsPerOp", ResultMetrics.NS_PER_OP, 1),
            new UnitGauge("nsPerElem", ResultMetrics.SECONDS_PER_ELEMENT, 1e9),
            new UnitGauge("bytesPerOp", ResultMetrics.BYTES_PER_OP, 1),
            new UnitGauge("allocsPerOp", ResultMetrics.ALLOCS_PER_OP, 1),
            new UnitGauge("gcPerOp", ResultMetrics.GC_PER_OP, 1));

    /** The statistics of each unit the result document carries, as the {@code stat} label. */
    private static final Map<String, String> STATS = new LinkedHashMap<>(Map.of("median", "median", "ciLow", "ci_low",
            "ciHigh", "ci_high"));

    /** The verdict as the API spells it (the enum's JSON names). */
    private static final Map<ComparisonVerdict, String> VERDICTS = Map.of(ComparisonVerdict.Faster, "faster",
            ComparisonVerdict.Slower, "slower", ComparisonVerdict.Unchanged, "unchanged",
            ComparisonVerdict.InsufficientSamples, "insufficient-samples");

    private ResultSeries() {
    }

    /** Every sample of the results that keep series, plus the schedules' change points. */
    public static List<Sample> of(Collection<BenchmarkResult> results, Collection<BenchmarkSchedule> schedules,
            int oneOffRuns) {
        List<Sample> out = new ArrayList<>();
        for (BenchmarkResult r : published(results, oneOffRuns)) {
            addResult(out, r);
        }
        for (BenchmarkSchedule s : schedules) {
            addChangePoints(out, s);
        }
        return out;
    }

    /**
     * The results that keep series: per schedule, cluster and Go version the newest result; of
     * one-off runs, the newest result per cluster and Go version of the {@code oneOffRuns} runs whose
     * newest result is the most recent.
     */
    static List<BenchmarkResult> published(Collection<BenchmarkResult> results, int oneOffRuns) {
        Map<List<String>, BenchmarkResult> newest = new HashMap<>();
        for (BenchmarkResult r : results) {
            if (!complete(r)) {
                continue;
            }
            BenchmarkResultSpec spec = r.getSpec();
            String schedule = schedule(r);
            List<String> key = List.of(r.getMetadata().getNamespace(), schedule, schedule.isEmpty() ? spec.getRun() : "",
                    spec.getCluster(), spec.getGoVersion());
            newest.merge(key, r, (a, b) -> NEWEST_FIRST.compare(a, b) <= 0 ? a : b);
        }
        Map<List<String>, Instant> oneOffRunRecency = new HashMap<>();
        for (BenchmarkResult r : newest.values()) {
            if (schedule(r).isEmpty()) {
                oneOffRunRecency.merge(runKey(r), created(r), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        Set<List<String>> keptRuns = oneOffRunRecency.entrySet().stream()
                .sorted(Map.Entry.<List<String>, Instant>comparingByValue().reversed()
                        .thenComparing(e -> String.join("/", e.getKey())))
                .limit(Math.max(0, oneOffRuns))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        return newest.values().stream()
                .filter(r -> !schedule(r).isEmpty() || keptRuns.contains(runKey(r)))
                .sorted(Comparator.comparing((BenchmarkResult r) -> r.getMetadata().getNamespace())
                        .thenComparing(r -> r.getMetadata().getName()))
                .toList();
    }

    private static final Comparator<BenchmarkResult> NEWEST_FIRST = Comparator
            .comparing(ResultSeries::created, Comparator.reverseOrder())
            .thenComparing(r -> r.getMetadata().getName(), Comparator.reverseOrder());

    private static boolean complete(BenchmarkResult r) {
        BenchmarkResultSpec s = r.getSpec();
        return r.getMetadata() != null && r.getMetadata().getNamespace() != null && s != null && s.getRun() != null
                && s.getCluster() != null && s.getGoVersion() != null;
    }

    private static List<String> runKey(BenchmarkResult r) {
        return List.of(r.getMetadata().getNamespace(), r.getSpec().getRun());
    }

    static String schedule(BenchmarkResult r) {
        Map<String, String> labels = r.getMetadata().getLabels();
        String s = labels == null ? null : labels.get(ScheduleMetadata.SCHEDULE_LABEL);
        return s == null ? "" : s;
    }

    static Instant created(BenchmarkResult r) {
        return instant(r.getMetadata().getCreationTimestamp());
    }

    private static Instant instant(String rfc3339) {
        if (rfc3339 == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(rfc3339);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** namespace, schedule and run: the series' identity ({@code run} empty for a schedule's series). */
    private static Map<String, String> identity(BenchmarkResult r) {
        String schedule = schedule(r);
        Map<String, String> l = new TreeMap<>();
        l.put("namespace", r.getMetadata().getNamespace());
        l.put("schedule", schedule);
        l.put("run", schedule.isEmpty() ? r.getSpec().getRun() : "");
        l.put("cluster", r.getSpec().getCluster());
        l.put("go_version", r.getSpec().getGoVersion());
        return l;
    }

    private static void addResult(List<Sample> out, BenchmarkResult r) {
        BenchmarkResultSpec spec = r.getSpec();
        Map<String, String> id = identity(r);
        ResultComparison cmp = spec.getComparison();
        Map<String, String> info = new TreeMap<>(id);
        info.put("result", r.getMetadata().getName());
        info.put("source_run", spec.getRun());
        info.put("baseline_run", cmp == null || cmp.getBaselineRun() == null ? "" : cmp.getBaselineRun());
        out.add(new Sample(ResultMetrics.RESULT_INFO, info, 1));
        addBenchmarks(out, r, id);
        if (cmp != null) {
            addComparison(out, cmp, id);
        }
    }

    private static void addBenchmarks(List<Sample> out, BenchmarkResult r, Map<String, String> id) {
        JsonNode benchmarks = r.getSpec().getResult() == null ? null : r.getSpec().getResult().get("benchmarks");
        if (benchmarks == null || !benchmarks.isArray()) {
            return;
        }
        BenchmarkResultSpec spec = r.getSpec();
        for (JsonNode b : benchmarks) {
            JsonNode stats = b.get("stats");
            if (stats == null || !stats.isObject()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>(id);
            labels.put("arch", nullToEmpty(spec.getArch()));
            labels.put("map_impl", spec.getMapImpl() == null ? "" : spec.getMapImpl().name().toLowerCase(Locale.ROOT));
            labels.put("emulation", nullToEmpty(spec.getEmulation()));
            labels.put("benchmark", b.path("name").asText(""));
            labels.put("scenario", b.path("scenario").asText(""));
            labels.put("variant", b.path("variant").asText(""));
            labels.put("key_type", b.path("keyType").asText(""));
            labels.put("value_type", b.path("valueType").asText(""));
            labels.put("size", b.path("size").asText(""));
            for (UnitGauge unit : UNIT_GAUGES) {
                JsonNode summary = stats.get(unit.unit());
                if (summary == null) {
                    continue;
                }
                STATS.forEach((field, stat) -> {
                    JsonNode v = summary.get(field);
                    if (v != null && v.isNumber()) {
                        Map<String, String> l = new TreeMap<>(labels);
                        l.put("stat", stat);
                        out.add(new Sample(unit.metric(), l, v.asDouble() / unit.divisor()));
                    }
                });
            }
        }
    }

    private static void addComparison(List<Sample> out, ResultComparison cmp, Map<String, String> id) {
        double minEffect = cmp.getMinEffectPercent() == null ? 0 : cmp.getMinEffectPercent();
        int regressions = 0;
        for (BenchmarkComparison b : cmp.getBenchmarks()) {
            if (b.getBenchmark() == null) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>(id);
            labels.put("benchmark", b.getBenchmark());
            Double ratio = ratio(b.getCandidate(), b.getBase());
            if (ratio != null) {
                out.add(new Sample(ResultMetrics.CHANGE_RATIO, labels, ratio));
            }
            if (b.getPValue() != null) {
                out.add(new Sample(ResultMetrics.CHANGE_P_VALUE, labels, b.getPValue()));
            }
            if (b.getVerdict() != null) {
                Map<String, String> v = new TreeMap<>(labels);
                v.put("verdict", VERDICTS.get(b.getVerdict()));
                out.add(new Sample(ResultMetrics.CHANGE_VERDICT, v, 1));
            }
            if (isRegression(b, minEffect)) {
                regressions++;
            }
        }
        out.add(new Sample(ResultMetrics.REGRESSIONS, id, regressions));
    }

    /** The contract's regression: verdict slower and a change beyond the minimum effect. */
    static boolean isRegression(BenchmarkComparison b, double minEffectPercent) {
        return b.getVerdict() == ComparisonVerdict.Slower && b.getChangePercent() != null
                && b.getChangePercent() > minEffectPercent;
    }

    private static Double ratio(SampleSummary candidate, SampleSummary base) {
        if (candidate == null || base == null || candidate.getMedian() == null || base.getMedian() == null
                || base.getMedian() == 0) {
            return null;
        }
        return candidate.getMedian() / base.getMedian();
    }

    private static void addChangePoints(List<Sample> out, BenchmarkSchedule s) {
        if (s.getMetadata() == null || s.getStatus() == null || s.getStatus().getChangePoints() == null) {
            return;
        }
        for (ChangePoint cp : s.getStatus().getChangePoints()) {
            if (cp.getTime() == null || cp.getBenchmark() == null) {
                continue;
            }
            Instant at = instant(cp.getTime());
            if (at.equals(Instant.EPOCH)) {
                continue;
            }
            Map<String, String> l = new TreeMap<>();
            l.put("namespace", s.getMetadata().getNamespace());
            l.put("schedule", s.getMetadata().getName());
            l.put("cluster", nullToEmpty(cp.getCluster()));
            l.put("go_version", nullToEmpty(cp.getGoVersion()));
            l.put("benchmark", cp.getBenchmark());
            l.put("run", nullToEmpty(cp.getRun()));
            out.add(new Sample(ResultMetrics.CHANGE_POINT_TIME, l, at.getEpochSecond()));
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
