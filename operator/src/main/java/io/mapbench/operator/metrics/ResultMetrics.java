package io.mapbench.operator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result gauges at /q/metrics (DESIGN.md "Metrics"): one Micrometer MultiGauge per metric,
 * replaced as a whole by {@link #publish} with what {@link ResultSeries} derived from the stored
 * results, so a series exists exactly as long as the result (and the cardinality bound) says.
 */
@Singleton
public class ResultMetrics {
    /** Time per op in seconds, the base unit Prometheus naming asks for. */
    public static final String SECONDS_PER_OP = "mapbench.benchmark.seconds.per.op";
    /**
     * Deprecated duplicate of {@link #SECONDS_PER_OP} in nanoseconds, kept for one release (0.1.x) so
     * dashboards and recording rules built on it keep working; removed in 0.2.0 (docs/DESIGN.md "Metrics").
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static final String NS_PER_OP = "mapbench.benchmark.ns.per.op";
    /** Time per map element in seconds (the document's nsPerElem): comparable across sizes. */
    public static final String SECONDS_PER_ELEMENT = "mapbench.benchmark.seconds.per.element";
    public static final String BYTES_PER_OP = "mapbench.benchmark.bytes.per.op";
    public static final String ALLOCS_PER_OP = "mapbench.benchmark.allocs.per.op";
    public static final String GC_PER_OP = "mapbench.benchmark.gc.per.op";
    public static final String RESULT_INFO = "mapbench.benchmark.result.info";
    public static final String CHANGE_RATIO = "mapbench.benchmark.change.ratio";
    public static final String CHANGE_P_VALUE = "mapbench.benchmark.change.p.value";
    public static final String CHANGE_VERDICT = "mapbench.benchmark.change.verdict";
    public static final String REGRESSIONS = "mapbench.regressions";
    public static final String CHANGE_POINT_TIME = "mapbench.schedule.change.point.timestamp.seconds";

    /** Every result metric and its HELP text; each is cleared when no sample of it remains. */
    @SuppressWarnings("removal")
    static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(SECONDS_PER_OP, "Benchmark time per op in seconds, from a BenchmarkResult");
        DESCRIPTIONS.put(NS_PER_OP, "Deprecated (removed in 0.2.0): use mapbench_benchmark_seconds_per_op");
        DESCRIPTIONS.put(SECONDS_PER_ELEMENT, "Benchmark time per map element in seconds, from a BenchmarkResult");
        DESCRIPTIONS.put(BYTES_PER_OP, "Benchmark bytes allocated per op, from a BenchmarkResult");
        DESCRIPTIONS.put(ALLOCS_PER_OP, "Benchmark allocations per op, from a BenchmarkResult");
        DESCRIPTIONS.put(GC_PER_OP, "Benchmark GC cycles per op, from a BenchmarkResult");
        DESCRIPTIONS.put(RESULT_INFO, "1 per exported result: which run (source_run) and baseline feed the series of"
                + " a schedule or run, cluster and Go version");
        DESCRIPTIONS.put(CHANGE_RATIO, "Candidate median ns/op over baseline median ns/op, from the result's comparison");
        DESCRIPTIONS.put(CHANGE_P_VALUE, "Mann-Whitney U p-value of the benchmark's change, from the result's comparison");
        DESCRIPTIONS.put(CHANGE_VERDICT, "1 for the benchmark's verdict (faster, slower, unchanged, insufficient-samples)");
        DESCRIPTIONS.put(REGRESSIONS, "Benchmarks slower than the baseline beyond minEffectPercent (p < alpha), per"
                + " schedule or run, cluster and Go version");
        DESCRIPTIONS.put(CHANGE_POINT_TIME, "Creation time (Unix seconds) of the first run after a change point in a"
                + " schedule's history");
    }

    private final Map<String, MultiGauge> gauges = new LinkedHashMap<>();

    public ResultMetrics(MeterRegistry registry) {
        DESCRIPTIONS.forEach((name, help) -> gauges.put(name, MultiGauge.builder(name).description(help).register(registry)));
    }

    /** Makes exactly {@code samples} the result series (earlier series not among them are removed). */
    public synchronized void publish(List<ResultSeries.Sample> samples) {
        Map<String, List<MultiGauge.Row<?>>> rows = new LinkedHashMap<>();
        gauges.keySet().forEach(name -> rows.put(name, new ArrayList<>()));
        for (ResultSeries.Sample s : samples) {
            List<MultiGauge.Row<?>> list = rows.get(s.metric());
            if (list == null) {
                throw new IllegalArgumentException("unknown result metric " + s.metric());
            }
            Tags tags = Tags.empty();
            for (Map.Entry<String, String> l : s.labels().entrySet()) {
                tags = tags.and(l.getKey(), l.getValue());
            }
            list.add(MultiGauge.Row.of(tags, s.value()));
        }
        rows.forEach((name, list) -> gauges.get(name).register(list, true));
    }
}
