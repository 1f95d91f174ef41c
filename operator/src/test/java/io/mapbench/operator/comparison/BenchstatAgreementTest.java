package io.mapbench.operator.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mapbench.operator.api.v1alpha1.BenchmarkComparison;
import io.mapbench.operator.api.v1alpha1.ComparisonVerdict;
import io.mapbench.operator.api.v1alpha1.SampleSummary;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance test of issue 12: for pairs of real result documents, the operator's comparison
 * equals what the real benchstat (golang.org/x/perf/cmd/benchstat, run by
 * hack/gen-comparison-fixtures.sh) printed for them, row by row, to benchstat's printed precision:
 * median (the CSV prints it in full), ± %, vs base %, p and n. benchstat compares sec/op, the
 * documents hold ns/op. benchstat read the documents as benchmark text ({@code mapbench export}),
 * which prints each ns/op the way Go's testing package does (2043.1 becomes 2043); the comparator
 * is fed those printed values so that both sides see the same numbers.
 */
class BenchstatAgreementTest {

    private static final String DIR = "/comparison/";
    private static final double BENCHSTAT_ALPHA = 0.05;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Pair(String name, String base, String candidate) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One row of benchstat's sec/op table. */
    record Row(String benchmark, double baseSeconds, String baseRange, double candidateSeconds, String candidateRange,
            String delta, String pn) {
    }

    static Stream<Pair> pairs() throws IOException {
        List<Pair> pairs = new ArrayList<>();
        for (String line : resource("pairs.txt").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            pairs.add(new Pair(f[0], f[1], f[2]));
        }
        assertThat(pairs).as("pairs.txt").isNotEmpty();
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void everyRowEqualsBenchstat(Pair pair) throws IOException {
        Map<String, double[]> base = asExported(ResultSamples.nsPerOp(JSON.readTree(resource(pair.base()))));
        Map<String, double[]> candidate = asExported(ResultSamples.nsPerOp(JSON.readTree(resource(pair.candidate()))));
        List<Row> rows = secPerOpTable(resource(pair.name() + ".benchstat.csv"));
        assertThat(rows).as("benchstat rows").hasSize(base.size());

        for (Row row : rows) {
            assertRowEqualsBenchstat(pair.name(), row, base, candidate);
        }
    }

    /**
     * Seeded synthetic text (hack/gen-comparison-synthetic.sh) for what the real documents lack:
     * n > 30 (normal approximation of the interval), n > 50 (asymptotic U), ties with n <= 25
     * (tie-exact U) and n > 25, unequal n, all samples equal.
     */
    @org.junit.jupiter.api.Test
    void syntheticSampleSizesAndTiesEqualBenchstat() throws IOException {
        Map<String, double[]> base = benchmarkText(classpath("/comparison-synthetic/base.txt"));
        Map<String, double[]> candidate = benchmarkText(classpath("/comparison-synthetic/candidate.txt"));
        List<Row> rows = secPerOpTable(classpath("/comparison-synthetic/benchstat.csv"));
        assertThat(rows).extracting(Row::benchmark).contains("N35Shift", "N60Shift", "N10Ties", "N30Ties", "N5vs6");
        assertThat(rows).hasSize(base.size());

        for (Row row : rows) {
            assertRowEqualsBenchstat("synthetic", row, base, candidate);
        }
    }

    private static void assertRowEqualsBenchstat(String source, Row row, Map<String, double[]> base,
            Map<String, double[]> candidate) {
        String name = "Benchmark" + row.benchmark();
        BenchmarkComparison c = BenchmarkComparator.compare(name, base.get(name), candidate.get(name), BENCHSTAT_ALPHA);
        String where = source + " " + row.benchmark();

        assertThat(c.getBase().getMedian() * 1e-9).as(where + " base median").isCloseTo(row.baseSeconds(),
                withinPercentage(1e-9));
        assertThat(c.getCandidate().getMedian() * 1e-9).as(where + " candidate median")
                .isCloseTo(row.candidateSeconds(), withinPercentage(1e-9));
        assertThat(range(c.getBase())).as(where + " base ±").isEqualTo(row.baseRange());
        assertThat(range(c.getCandidate())).as(where + " candidate ±").isEqualTo(row.candidateRange());
        assertThat(pn(c)).as(where + " p and n").isEqualTo(row.pn());
        if (row.delta().equals("~")) {
            assertThat(c.getPValue()).as(where + " p").isGreaterThan(BENCHSTAT_ALPHA);
            assertThat(c.getVerdict()).as(where + " verdict")
                    .isIn(ComparisonVerdict.Unchanged, ComparisonVerdict.InsufficientSamples);
        } else {
            assertThat(fixed(c.getChangePercent(), 2, true) + "%").as(where + " vs base").isEqualTo(row.delta());
            if (c.getBase().getSamples() >= 6 && c.getCandidate().getSamples() >= 6 && c.getPValue() < BENCHSTAT_ALPHA) {
                assertThat(c.getVerdict()).as(where + " verdict").isEqualTo(
                        row.delta().startsWith("+") ? ComparisonVerdict.Slower : ComparisonVerdict.Faster);
            }
        }
        if (c.getBase().getSamples() < 6 || c.getCandidate().getSamples() < 6) {
            assertThat(c.getVerdict()).as(where + " verdict").isEqualTo(ComparisonVerdict.InsufficientSamples);
        }
    }

    /** ns/op values of Go benchmark text lines ("BenchmarkName  iterations  value ns/op"), by name. */
    private static Map<String, double[]> benchmarkText(String text) {
        Map<String, List<Double>> values = new java.util.LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].startsWith("Benchmark") && f[3].equals("ns/op")) {
                values.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[2]));
            }
        }
        Map<String, double[]> samples = new java.util.LinkedHashMap<>();
        values.forEach((name, list) -> samples.put(name, list.stream().mapToDouble(Double::doubleValue).toArray()));
        return samples;
    }

    /** benchstat's "±" column: the larger relative distance of a bound from the median, "∞" for an open interval. */
    private static String range(SampleSummary s) {
        if (s.getLow() == null || s.getHigh() == null) {
            return "∞";
        }
        double v = Math.max(s.getHigh() / s.getMedian() - 1, 1 - s.getLow() / s.getMedian());
        return fixed(100 * v, 0, false) + "%";
    }

    private static String pn(BenchmarkComparison c) {
        String p = c.getPValue() == 0 ? "" : "p=" + fixed(c.getPValue(), 3, false) + " ";
        int n1 = c.getBase().getSamples();
        int n2 = c.getCandidate().getSamples();
        return p + (n1 == n2 ? "n=" + n1 : "n=" + n1 + "+" + n2);
    }

    private static Map<String, double[]> asExported(Map<String, double[]> samples) {
        samples.replaceAll((name, values) -> java.util.Arrays.stream(values).map(BenchstatAgreementTest::exported).toArray());
        return samples;
    }

    /** An ns/op value as mapbench export prints it (workload/internal/benchtext: testing's prettyPrint digits). */
    private static double exported(double x) {
        double y = Math.abs(x);
        int digits;
        if (y == 0 || y >= 999.95) {
            digits = 0;
        } else if (y >= 99.995) {
            digits = 1;
        } else if (y >= 9.9995) {
            digits = 2;
        } else if (y >= 0.99995) {
            digits = 3;
        } else if (y >= 0.099995) {
            digits = 4;
        } else if (y >= 0.0099995) {
            digits = 5;
        } else if (y >= 0.00099995) {
            digits = 6;
        } else {
            return new BigDecimal(x).round(new java.math.MathContext(4, RoundingMode.HALF_EVEN)).doubleValue();
        }
        return Double.parseDouble(fixed(x, digits, false));
    }

    /** Go's fmt rounding: the exact binary value, halves to even. */
    private static String fixed(double v, int digits, boolean sign) {
        String s = new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        return sign && !s.startsWith("-") ? "+" + s : s;
    }

    /** The first table of benchstat's CSV (sec/op): after its unit line, rows, a geomean row, a blank line. */
    private static List<Row> secPerOpTable(String csv) {
        String[] lines = csv.split("\n", -1);
        int header = 0;
        while (header < lines.length && !lines[header].startsWith(",sec/op,")) {
            header++;
        }
        assertThat(header).as("benchstat CSV has a sec/op table").isLessThan(lines.length);
        assertThat(lines[header]).isEqualTo(",sec/op,CI,sec/op,CI,vs base,P");
        List<Row> rows = new ArrayList<>();
        for (int i = header + 1; i < lines.length && !lines[i].isBlank(); i++) {
            String[] f = lines[i].split(",", -1);
            if (f[0].equals("geomean")) {
                continue;
            }
            rows.add(new Row(f[0], Double.parseDouble(f[1]), f[2], Double.parseDouble(f[3]), f[4], f[5], f[6]));
        }
        return rows;
    }

    private static String resource(String name) throws IOException {
        return classpath(DIR + name);
    }

    private static String classpath(String path) throws IOException {
        try (InputStream in = BenchstatAgreementTest.class.getResourceAsStream(path)) {
            assertThat(in).as("test resource " + path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
