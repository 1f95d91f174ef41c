package io.mapbench.operator.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The parts of a validated mapbench.io/result/v1 document the operator works with (status,
 * metrics, BenchmarkResult columns), plus the whole document as {@link #raw()} for the
 * BenchmarkResult's spec.result. Field meanings: workload/internal/result (the source of truth).
 */
public record ResultDocument(Environment environment, List<Benchmark> benchmarks, List<Claim> claims, JsonNode raw) {

    public ResultDocument {
        benchmarks = List.copyOf(benchmarks);
        claims = List.copyOf(claims);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Environment(String goos, String goarch, String cpuModel, String goVersion, String mapImpl,
            String hostname, String nodeName, String cluster, Integer gomaxprocs, String emulation) {
    }

    /** One benchmark (one variant of one matrix combination) with its statistics per unit. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Benchmark(String name, String scenario, String variant, String keyType, String valueType, long size,
            int procs, Map<String, Summary> stats) {
    }

    /** Statistics of one unit (nsPerOp, nsPerElem, bytesPerOp, allocsPerOp, gcPerOp) over the samples. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Summary(int n, double median, double ciLow, double ciHigh, double confidence, double mean, double cv) {
    }

    /** A seed-claim verdict: confirmed, partly (true with a stated qualification), refuted, inconclusive or not-applicable. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Claim(String id, String statement, String seedFigure, String scenario, String verdict, String reason,
            String measured) {
    }
}
