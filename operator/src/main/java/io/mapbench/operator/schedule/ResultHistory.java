package io.mapbench.operator.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of a schedule's runs per (cluster, Go version), oldest first: which are beyond the
 * change-point window (pruned, so the schedule keeps a bounded history) and the per-benchmark
 * series of medians (ns/op, from each result document) that change-point detection reads.
 */
public final class ResultHistory {
    private static final Comparator<BenchmarkResult> OLDEST_FIRST = Comparator
            .comparing((BenchmarkResult r) -> r.getMetadata().getCreationTimestamp() == null ? ""
                    : r.getMetadata().getCreationTimestamp())
            .thenComparing(r -> r.getSpec().getRun());

    /** One point of a series: the run, when its result was recorded, and the benchmark's median ns/op. */
    public record Point(String run, String time, double median) {
    }

    /** One benchmark of one (cluster, Go version), oldest point first. */
    public record Series(String cluster, String goVersion, String benchmark, List<Point> points) {
        public double[] medians() {
            return points.stream().mapToDouble(Point::median).toArray();
        }
    }

    private final Map<String, List<BenchmarkResult>> byEnvironment = new TreeMap<>();
    private final int window;

    /** @param window how many of the newest runs per (cluster, Go version) are kept and analysed */
    public ResultHistory(List<BenchmarkResult> results, int window) {
        this.window = window;
        for (BenchmarkResult r : results) {
            if (r.getMetadata().getDeletionTimestamp() != null || r.getSpec() == null) {
                continue;
            }
            byEnvironment.computeIfAbsent(r.getSpec().getCluster() + "\u0000" + r.getSpec().getGoVersion(),
                    k -> new ArrayList<>()).add(r);
        }
        byEnvironment.values().forEach(list -> list.sort(OLDEST_FIRST));
    }

    /** Results older than the newest {@code window} of their (cluster, Go version). */
    public List<BenchmarkResult> beyondWindow() {
        List<BenchmarkResult> out = new ArrayList<>();
        for (List<BenchmarkResult> list : byEnvironment.values()) {
            if (list.size() > window) {
                out.addAll(list.subList(0, list.size() - window));
            }
        }
        return out;
    }

    /** Every (cluster, Go version, benchmark) series over the window, in a stable order. */
    public List<Series> series() {
        List<Series> out = new ArrayList<>();
        for (List<BenchmarkResult> list : byEnvironment.values()) {
            List<BenchmarkResult> kept = list.size() > window ? list.subList(list.size() - window, list.size()) : list;
            Map<String, List<Point>> perBenchmark = new LinkedHashMap<>();
            for (BenchmarkResult r : kept) {
                JsonNode benchmarks = r.getSpec().getResult() == null ? null : r.getSpec().getResult().get("benchmarks");
                if (benchmarks == null) {
                    continue;
                }
                for (JsonNode b : benchmarks) {
                    JsonNode median = b.path("stats").path("nsPerOp").path("median");
                    if (b.hasNonNull("name") && median.isNumber()) {
                        perBenchmark.computeIfAbsent(b.get("name").asText(), k -> new ArrayList<>())
                                .add(new Point(r.getSpec().getRun(), r.getMetadata().getCreationTimestamp(),
                                        median.asDouble()));
                    }
                }
            }
            BenchmarkResult first = kept.get(0);
            new TreeMap<>(perBenchmark).forEach((benchmark, points) -> out.add(new Series(first.getSpec().getCluster(),
                    first.getSpec().getGoVersion(), benchmark, List.copyOf(points))));
        }
        return out;
    }
}
