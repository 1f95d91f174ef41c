package io.mapbench.operator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mapbench.operator.metrics.ResultMetrics;
import io.mapbench.operator.metrics.ResultSeries;
import io.mapbench.operator.testfixtures.ResultObjects;
import io.mapbench.operator.results.ResultDocument;
import io.mapbench.operator.results.ResultDocumentException;
import io.mapbench.operator.results.ResultExtractor;
import io.mapbench.operator.results.ResultReader;
import io.mapbench.operator.results.ResultSchema;
import io.mapbench.operator.testfixtures.RunFixtures;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault case 13: the operator's result reader ({@link ResultReader}: marker extraction, size limit,
 * JSON, schema) and the metrics it feeds ({@link MapbenchMetrics}) under 10,000 hostile pod logs,
 * each a mutation of a real workload log: truncated documents and logs, 10 MB documents and
 * documents at the 1 MiB limit in 1- to 4-byte UTF-8, marker lines inside JSON strings and as
 * raw lines, control characters, Prometheus label-injection strings, NaN/Inf and out-of-range
 * numbers, negative counts, garbage.
 *
 * <p>The oracle is the workload's contract, not the reader: each mutation knows whether the result
 * is acceptable and, when it is not, which field the InvalidResult must name. Per input: exactly
 * one outcome (a document, or one {@link ResultDocumentException} = one job `InvalidResult`), no
 * other exception (a crash); every accepted document's metrics parse as Prometheus text with
 * exactly the documented labels and finite values. Violations are counted over all 10,000 inputs
 * and the row fails when any count is not 0.
 *
 * <p>The inputs come from a {@link Random} with a fixed seed (printed; override with
 * {@code -Dfaults.seed=N} to explore other inputs, and pass the printed seed back to reproduce a
 * failure). Documents of 10 MB and 10 MB log prefixes are drawn at most {@value #HUGE_BUDGET} times
 * each per run (further draws fall back to sizes around the 1 MiB limit) so the case stays within
 * the quick subset's time on a loaded 2-core machine.
 */
class ResultReaderPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LIMIT = ResultExtractor.DEFAULT_MAX_BYTES;
    private static final int TRIES = 10_000;
    private static final long DEFAULT_SEED = 20261207L;
    /** How many 10 MB documents, and separately 10 MB log prefixes, one run generates at most. */
    static final int HUGE_BUDGET = 3;
    private static final Set<String> RESULT_LABELS = Set.of("run", "schedule", "namespace", "benchmark", "cluster", "arch", "go_version",
            "map_impl", "emulation", "scenario", "variant", "key_type", "value_type", "size", "stat");
    /** A sample line of the Prometheus text format: name, label pairs (escaped values), value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$",
            Pattern.DOTALL);
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final List<String> INJECTIONS = List.of("\"} evil{", "\",evil=\"1", "\"}\nmapbench_evil{x=\"1\"} 1\n{\"",
            "\\", "\\\"", "\n# TYPE evil gauge\n", "{", "}", "=", ",", "a b", "\u2028", "\u0000", "\"\"\"");
    private static final List<String> NON_FINITE = List.of("NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "1e999",
            "-1e999", "1E400", "2e308", "\"NaN\"", "\"Infinity\"", "null");

    private static ResultReader reader;
    private static String log;
    private static ObjectNode base;
    private static String head;
    private static String tail;
    private static FaultCase row;
    private static long seed;
    private static Random random;
    private static int hugeDocuments;
    private static int hugePrefixes;
    private static final AtomicInteger inputs = new AtomicInteger();
    private static final AtomicInteger accepted = new AtomicInteger();
    private static final AtomicInteger invalidResults = new AtomicInteger();
    private static final AtomicInteger crashes = new AtomicInteger();
    private static final AtomicInteger injectedLabels = new AtomicInteger();
    private static final AtomicInteger nonFiniteMetrics = new AtomicInteger();
    private static final AtomicInteger oversizeRejected = new AtomicInteger();
    private static final AtomicInteger wrongOutcome = new AtomicInteger();
    /** First example of each kind of violation, for the report. */
    private static final Map<String, String> examples = new ConcurrentHashMap<>();
    /** Outcomes per kind of input, printed at the end: shows each generator was exercised. */
    private static final Map<String, Map<String, Integer>> outcomesByKind = new TreeMap<>();

    /** One hostile input: the pod log, and what the contract says about it. */
    record Input(String kind, String log, boolean acceptable, String field, Function<ResultDocument, String> check) {
        @Override
        public String toString() {
            String shown = log.length() > 300 ? log.substring(0, 300) + "...(" + log.length() + " chars)" : log;
            return kind + (acceptable ? " (acceptable)" : " (invalid: " + field + ")") + ": " + shown.replace("\n", "\\n");
        }
    }

    @BeforeAll
    static void load() throws Exception {
        seed = Long.getLong("faults.seed", DEFAULT_SEED);
        random = new Random(seed);
        System.out.println("FAULT 13 seed=" + seed + " (reproduce with -Dfaults.seed=" + seed + ")");
        row = FaultCase.start("13", "result reader + metrics: 10,000 seeded hostile pod logs (seed " + seed + "; at most "
                + HUGE_BUDGET + " 10 MB documents and " + HUGE_BUDGET + " 10 MB log prefixes)");
        reader = new ResultReader(ResultSchema.bundled(), LIMIT);
        log = RunFixtures.resource("pod-log-smoke.txt");
        int begin = log.indexOf(ResultExtractor.BEGIN + "\n") + ResultExtractor.BEGIN.length() + 1;
        int end = log.indexOf("\n" + ResultExtractor.END);
        head = log.substring(0, begin);
        tail = log.substring(end);
        base = (ObjectNode) JSON.readTree(log.substring(begin, end));
    }

    @Test
    void everyPodLogEndsInOneDocumentOrOneInvalidResult() {
        for (int i = 0; i < TRIES; i++) {
            check(hostileLog(random));
        }
    }

    private static void collect(String kind, String outcome) {
        // Sizes and code points vary per input; the tally is per kind.
        String group = kind.replaceAll("^document of [0-9]+ bytes$", "document at or below the limit")
                .replaceAll("U\\+[0-9A-F]{4}", "U+00xx");
        outcomesByKind.computeIfAbsent(group, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
    }

    private static void check(Input input) {
        inputs.incrementAndGet();
        ResultDocument doc;
        try {
            doc = reader.read(input.log());
        } catch (ResultDocumentException e) {
            invalidResults.incrementAndGet();
            collect(input.kind(), "InvalidResult");
            if (e.field().equals("size")) {
                oversizeRejected.incrementAndGet();
            }
            if (input.acceptable()) {
                violation(wrongOutcome, "rejected an acceptable " + input.kind(), e.getMessage() + " <- " + input);
            } else if (input.field() != null && !e.field().equals(input.field())) {
                violation(wrongOutcome, "InvalidResult names the wrong field for " + input.kind(),
                        "expected " + input.field() + ", got: " + e.getMessage());
            } else if (!e.getMessage().startsWith("result document: " + e.field() + ": ") || e.problem().isBlank()) {
                violation(wrongOutcome, "InvalidResult message without field and problem", e.getMessage());
            }
            return;
        } catch (Throwable t) {
            collect(input.kind(), "crash");
            violation(crashes, "crash on " + input.kind(), t + " <- " + input);
            return;
        }
        accepted.incrementAndGet();
        collect(input.kind(), "accepted");
        if (!input.acceptable()) {
            violation(wrongOutcome, "accepted an invalid " + input.kind(), input.toString());
        } else {
            String mismatch = input.check().apply(doc);
            if (mismatch != null) {
                violation(wrongOutcome, "document differs from the log for " + input.kind(), mismatch);
            }
        }
        checkMetrics(doc, input);
    }

    @AfterAll
    static void recordRow() {
        row.count("inputs", inputs.get()).count("accepted", accepted.get()).count("InvalidResult", invalidResults.get())
                .count("crashes", crashes.get()).count("injected labels", injectedLabels.get())
                .count("non-finite metrics", nonFiniteMetrics.get()).count("size limit rejections", oversizeRejected.get())
                .count("wrong outcomes", wrongOutcome.get());
        row.expect(inputs.get() == TRIES, "%d inputs, not %d", inputs.get(), TRIES)
                .expect(accepted.get() + invalidResults.get() + crashes.get() == inputs.get(), "outcomes do not add up")
                .expect(crashes.get() == 0, "%d crashes", crashes.get())
                .expect(injectedLabels.get() == 0, "%d metric lines with injected or missing labels", injectedLabels.get())
                .expect(nonFiniteMetrics.get() == 0, "%d documents accepted with non-finite statistics (1e999 reads as Infinity)",
                        nonFiniteMetrics.get())
                .expect(oversizeRejected.get() > 0, "the size limit never rejected anything")
                .expect(wrongOutcome.get() == 0, "%d wrong outcomes", wrongOutcome.get());
        outcomesByKind.forEach((kind, outcomes) -> System.out.println("FAULT 13 " + kind + ": " + outcomes));
        new TreeMap<>(examples).forEach((what, example) -> System.out.println("FAULT 13 example of " + what + ": " + example));
        System.out.println("FAULT 13 seed=" + seed);
        row.finish();
    }

    private static void violation(AtomicInteger counter, String what, String example) {
        counter.incrementAndGet();
        examples.putIfAbsent(what, example.length() > 600 ? example.substring(0, 600) + "..." : example);
    }

    /** The document's series in a real Prometheus registry: exactly the documented labels, finite values. */
    private static void checkMetrics(ResultDocument doc, Input input) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ResultMetrics(registry).publish(ResultSeries.of(List.of(
                ResultObjects.result("ns", "run-cloud-1", "run", null, "cloud-1", "1.26.8", "2026-12-01T00:00:00Z", doc)),
                List.of(), 1));
        String text = registry.scrape();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                violation(injectedLabels, "unparseable metric line", line + " <- " + input);
                continue;
            }
            if (!m.group(1).startsWith("mapbench_benchmark_") || m.group(1).equals("mapbench_benchmark_result_info")) {
                continue;
            }
            Map<String, String> labels = labels(m.group(2));
            if (labels == null || !labels.keySet().equals(RESULT_LABELS)) {
                violation(injectedLabels, "metric line with other labels than documented", line + " <- " + input);
            } else if (!labels.get("arch").equals(doc.environment().goarch())) {
                violation(injectedLabels, "arch label differs from the document", line + " <- " + input);
            }
            double value = Double.parseDouble(m.group(3).replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
            if (!Double.isFinite(value)) {
                violation(nonFiniteMetrics, "non-finite metric value", line + " <- " + input.kind());
            }
        }
    }

    /** Label pairs of a sample line, values unescaped; null when the text is not a clean label list. */
    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        if (text == null) {
            return labels;
        }
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            String value = m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
            if (labels.put(m.group(1), value) != null) {
                return null;
            }
            at = m.end();
        }
        return labels;
    }

    // ---------------------------------------------------------------------------------- inputs

    /** One generator and how often it is drawn (weights out of their sum). */
    private record Weighted(int weight, Function<Random, Input> generator) {
    }

    private static final List<Weighted> GENERATORS = List.of(
            new Weighted(10, ResultReaderPropertyTest::truncatedDocument),
            new Weighted(8, ResultReaderPropertyTest::truncatedLog),
            new Weighted(1, ResultReaderPropertyTest::documentAroundTheSizeLimit),
            new Weighted(8, ResultReaderPropertyTest::markerInsideAString),
            new Weighted(8, ResultReaderPropertyTest::rawMarkerLines),
            new Weighted(10, ResultReaderPropertyTest::controlCharacter),
            new Weighted(15, ResultReaderPropertyTest::labelInjection),
            new Weighted(12, ResultReaderPropertyTest::nonFiniteNumber),
            new Weighted(12, ResultReaderPropertyTest::negativeCount),
            new Weighted(8, ResultReaderPropertyTest::garbage),
            new Weighted(3, ResultReaderPropertyTest::untouched));

    static Input hostileLog(Random r) {
        int total = GENERATORS.stream().mapToInt(Weighted::weight).sum();
        int pick = r.nextInt(total);
        for (Weighted g : GENERATORS) {
            pick -= g.weight();
            if (pick < 0) {
                return g.generator().apply(r);
            }
        }
        throw new IllegalStateException("weights");
    }

    /** A uniform int in [low, high], both inclusive. */
    private static int between(Random r, int low, int high) {
        return low + r.nextInt(high - low + 1);
    }

    private static <T> T oneOf(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    @SafeVarargs
    private static <T> T oneOf(Random r, T... values) {
        return values[r.nextInt(values.length)];
    }

    /** Up to maxLength ASCII letters. */
    private static String alpha(Random r, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int n = r.nextInt(maxLength + 1); n > 0; n--) {
            char c = (char) ('a' + r.nextInt(26));
            s.append(r.nextBoolean() ? c : Character.toUpperCase(c));
        }
        return s.toString();
    }

    /** minLength to maxLength UTF-16 code units of any value: controls, lone surrogates, U+FFFF included. */
    private static String anyChars(Random r, int minLength, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int n = between(r, minLength, maxLength); n > 0; n--) {
            s.append((char) r.nextInt(Character.MAX_VALUE + 1));
        }
        return s.toString();
    }

    private static String logWith(String document) {
        return head + document + tail;
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode copy() {
        return base.deepCopy();
    }

    private static Input acceptable(String kind, String log, Function<ResultDocument, String> check) {
        return new Input(kind, log, true, null, check);
    }

    private static Input invalid(String kind, String log, String field) {
        return new Input(kind, log, false, field, d -> null);
    }

    private static Function<ResultDocument, String> equal(String what, Function<ResultDocument, String> actual, String expected) {
        return d -> expected.equals(actual.apply(d)) ? null : what + " read as <" + actual.apply(d) + ">, not <" + expected + ">";
    }

    /** The document line cut anywhere: never a complete JSON object. */
    static Input truncatedDocument(Random r) {
        String doc = json(base);
        int cut = between(r, 0, doc.length() - 1);
        return invalid("truncated document", logWith(doc.substring(0, cut)), cut == 0 ? "document" : "json");
    }

    /** The whole pod log cut anywhere: acceptable only when the END marker line survived. */
    static Input truncatedLog(Random r) {
        int endComplete = log.indexOf(ResultExtractor.END) + ResultExtractor.END.length();
        int cut = between(r, 0, log.length());
        return cut >= endComplete
                ? acceptable("truncated log (END intact)", log.substring(0, cut), d -> null)
                : invalid("truncated log", log.substring(0, cut), "markers");
    }

    /**
     * Documents padded (in hostname) to exactly a target size in UTF-8 bytes around the 1 MiB limit,
     * or to 10 MB, with 1- to 4-byte characters: the limit counts bytes, not chars. 10 MB documents
     * and 10 MB log prefixes are bounded by {@link #HUGE_BUDGET} each (the slow part of the case).
     */
    static Input documentAroundTheSizeLimit(Random r) {
        long size;
        if (r.nextBoolean()) {
            size = LIMIT + between(r, -8, 8);
        } else {
            size = oneOf(r, LIMIT / 2, 10_000_000L, 10L * 1024 * 1024);
            if (size > LIMIT && hugeDocuments++ >= HUGE_BUDGET) {
                size = LIMIT + between(r, 1, 8);
            }
        }
        String u = oneOf(r, "x", "\u00e9", "\u20ac", "\ud834\udd1e");
        // Sometimes the log before the document is 10 MB of benchmark text: it must not count.
        boolean hugeText = r.nextInt(6) == 0 && hugePrefixes++ < HUGE_BUDGET;
        ObjectNode d = copy();
        ((ObjectNode) d.get("environment")).put("hostname", "");
        long room = size - json(d).getBytes(StandardCharsets.UTF_8).length;
        int unitBytes = u.getBytes(StandardCharsets.UTF_8).length;
        String pad = u.repeat((int) (room / unitBytes)) + "x".repeat((int) (room % unitBytes));
        ((ObjectNode) d.get("environment")).put("hostname", pad);
        String doc = json(d);
        long bytes = doc.getBytes(StandardCharsets.UTF_8).length;
        String prefix = hugeText ? "BenchmarkNoise-2\t1\t1 ns/op\n".repeat(400_000) : "";
        String podLog = prefix + logWith(doc);
        return bytes <= LIMIT
                ? acceptable("document of " + bytes + " bytes", podLog, equal("hostname", e -> e.environment().hostname(), pad))
                : invalid("oversize document", podLog, "size");
    }

    /** Marker text inside JSON strings (escaped newlines keep the document on one line): acceptable, kept verbatim. */
    static Input markerInsideAString(Random r) {
        String m = oneOf(r, ResultExtractor.BEGIN, ResultExtractor.END, "\n" + ResultExtractor.END + "\n",
                "\n" + ResultExtractor.BEGIN + "\n{\"apiVersion\":1}\n" + ResultExtractor.END + "\n", "\r\n" + ResultExtractor.END);
        String f = oneOf(r, "hostname", "cpuModel", "nodeName", "cluster", "emulation");
        String noise = alpha(r, 10);
        ObjectNode d = copy();
        String value = noise + m + noise;
        ((ObjectNode) d.get("environment")).put(f, value);
        return acceptable("marker inside a string", logWith(json(d)), d2 -> value.equals(environmentField(d2, f)) ? null
                : f + " read as <" + environmentField(d2, f) + ">");
    }

    private static String environmentField(ResultDocument d, String field) {
        return switch (field) {
            case "hostname" -> d.environment().hostname();
            case "cpuModel" -> d.environment().cpuModel();
            case "nodeName" -> d.environment().nodeName();
            case "cluster" -> d.environment().cluster();
            case "emulation" -> d.environment().emulation();
            case "goarch" -> d.environment().goarch();
            default -> throw new IllegalArgumentException(field);
        };
    }

    /**
     * Raw marker lines around and inside the document: a second BEGIN anywhere, or an END that
     * splits the document line, is invalid; an END line before BEGIN or after the document is noise.
     */
    static Input rawMarkerLines(Random r) {
        String doc = json(base);
        int where = between(r, 0, 4);
        int cut = between(r, 1, doc.length() - 1);
        return switch (where) {
            case 0 -> invalid("second BEGIN before the document", ResultExtractor.BEGIN + "\n" + log, "markers");
            case 1 -> invalid("second BEGIN after the document", log + ResultExtractor.BEGIN + "\n", "markers");
            case 2 -> invalid("END line splitting the document",
                    logWith(doc.substring(0, cut) + "\n" + ResultExtractor.END + "\n" + doc.substring(cut)), null);
            case 3 -> acceptable("END line before BEGIN", ResultExtractor.END + "\n" + log, d -> null);
            default -> acceptable("END line after the document", log + ResultExtractor.END + "\n", d -> null);
        };
    }

    /**
     * Control characters: escaped inside strings they are data (kept, and a label value when in
     * goarch); raw inside a JSON string they are invalid; in the benchmark text they are noise.
     */
    static Input controlCharacter(Random r) {
        char ch = (char) between(r, 0x00, 0x1f);
        String s = "a" + ch + "b";
        ObjectNode d = copy();
        switch (between(r, 0, 2)) {
            case 0 -> {
                ((ObjectNode) d.get("environment")).put("goarch", s);
                return acceptable("escaped control char U+" + String.format("%04X", (int) ch), logWith(json(d)),
                        equal("goarch", e -> e.environment().goarch(), s));
            }
            case 1 -> {
                String doc = json(d).replace("\"hostname\":\"vm\"", "\"hostname\":\"v" + ch + "m\"");
                return invalid("raw control char in a string", logWith(doc), null);
            }
            default -> {
                return ch == '\n' || ch == '\r' ? acceptable("line break in the benchmark text", s + "\n" + log, e -> null)
                        : acceptable("control char in the benchmark text", "Benchmark" + s + "\n" + log, e -> null);
            }
        }
    }

    /**
     * Prometheus label-injection strings in every document field that becomes a label: accepted only
     * where the schema allows any string (goarch, and there the label must carry it verbatim);
     * rejected naming the field where the schema has a pattern or enum.
     */
    static Input labelInjection(Random r) {
        String p = alpha(r, 5) + oneOf(r, INJECTIONS) + anyChars(r, 0, 5);
        String t = oneOf(r, "environment.goarch", "environment.mapImpl", "benchmarks[0].scenario",
                "benchmarks[1].variant", "benchmarks[2].keyType", "benchmarks[0].valueType", "benchmarks[1].name");
        ObjectNode d = copy();
        set(d, t, JSON.getNodeFactory().textNode(p));
        return t.equals("environment.goarch")
                ? acceptable("label injection in goarch", logWith(json(d)), equal("goarch", e -> e.environment().goarch(), p))
                : invalid("label injection in " + t, logWith(json(d)), t);
    }

    /** NaN, ±Infinity and numbers beyond double range in statistics and samples: never a result. */
    static Input nonFiniteNumber(Random r) {
        String t = oneOf(r, "benchmarks[0].stats.nsPerOp.median", "benchmarks[1].stats.nsPerOp.ciLow",
                "benchmarks[2].stats.bytesPerOp.ciHigh", "benchmarks[0].stats.allocsPerOp.mean", "benchmarks[1].stats.gcPerOp.cv",
                "benchmarks[2].samples[1].nsPerOp", "benchmarks[0].stats.nsPerElem.confidence");
        String literal = oneOf(r, NON_FINITE);
        ObjectNode d = copy();
        set(d, t, JSON.getNodeFactory().numberNode(987654.321012));
        String doc = json(d).replace("987654.321012", literal);
        boolean json = !literal.startsWith("\"") && !literal.equals("null") && !literal.matches("-?[0-9].*");
        return invalid("non-finite " + literal, logWith(doc), json ? "json" : t);
    }

    /** Negative (and beyond-64-bit) counts where the contract has a minimum: rejected naming the field. */
    static Input negativeCount(Random r) {
        String t = oneOf(r, "benchmarks[0].stats.nsPerOp.n", "benchmarks[1].samples[0].iterations",
                "benchmarks[2].size", "benchmarks[0].procs", "environment.numCPU", "environment.gomaxprocs",
                "environment.memoryLimitBytes", "config.repetitions", "benchmarks[1].samples[2].nsPerOp",
                "environment.throttling.after.nrThrottled");
        // Any negative long (Long.MIN_VALUE included), or a fixed awkward one.
        String v = r.nextBoolean() ? String.valueOf(r.nextLong() | Long.MIN_VALUE)
                : oneOf(r, "-1", "-0.5", "-99999999999999999999999999", "-1e30");
        ObjectNode d = copy();
        set(d, t, JSON.getNodeFactory().numberNode(987654321));
        return invalid("negative " + t.replaceAll(".*\\.", ""), logWith(json(d).replace("987654321", v)), t);
    }

    /** Random text, random JSON values and binary noise in place of the document. */
    static Input garbage(Random r) {
        String t = r.nextBoolean() ? anyChars(r, 1, 2000)
                : oneOf(r, "{}", "[]", "null", "1", "\"doc\"", "{\"apiVersion\":\"mapbench.io/result/v1\"}", "\ufeff{}");
        return invalid("garbage document", logWith(t.replace("\n", " ").replace("\r", " ")), null);
    }

    /** The real log with extra benchmark lines before it: acceptable, unchanged. */
    static Input untouched(Random r) {
        List<String> lines = new ArrayList<>();
        for (int n = r.nextInt(21); n > 0; n--) {
            StringBuilder line = new StringBuilder();
            for (int c = r.nextInt(201); c > 0; c--) {
                line.append((char) between(r, ' ', '~'));
            }
            lines.add(line.toString());
        }
        return acceptable("real log with extra text", String.join("\n", lines) + "\n" + log,
                equal("hostname", e -> e.environment().hostname(), "vm"));
    }

    /** Sets a dotted path like {@code benchmarks[1].samples[0].iterations} in a document. */
    private static void set(ObjectNode doc, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        JsonNode node = doc;
        for (int i = 0; i < parts.length; i++) {
            Matcher m = Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)])?").matcher(parts[i]);
            if (!m.matches()) {
                throw new IllegalArgumentException(path);
            }
            boolean last = i == parts.length - 1;
            if (m.group(2) == null && last) {
                ((ObjectNode) node).set(m.group(1), value);
                return;
            }
            node = node.get(m.group(1));
            if (m.group(2) != null) {
                node = node.get(Integer.parseInt(m.group(2)));
            }
            if (node == null) {
                throw new IllegalArgumentException(path + ": no " + parts[i] + " in the fixture");
            }
        }
        throw new IllegalArgumentException(path + " does not end in a field");
    }
}
