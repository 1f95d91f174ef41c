package io.mapbench.operator.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mapbench.operator.testfixtures.RunFixtures;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Against the workload's real schema (copied by the build) and a real pod log of `mapbench run`. */
class ResultReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ResultReader reader;
    private static String log;

    @BeforeAll
    static void load() {
        reader = new ResultReader(ResultSchema.bundled(), ResultExtractor.DEFAULT_MAX_BYTES);
        log = RunFixtures.resource("pod-log-smoke.txt");
    }

    @Test
    void readsARealWorkloadLog() {
        ResultDocument doc = reader.read(log);
        assertThat(doc.environment().goarch()).isEqualTo("amd64");
        assertThat(doc.environment().goos()).isEqualTo("linux");
        assertThat(doc.environment().mapImpl()).isEqualTo("swiss");
        assertThat(doc.environment().goVersion()).isEqualTo("go1.26.8");
        assertThat(doc.benchmarks()).extracting(ResultDocument.Benchmark::variant)
                .containsExactly("RangeKV", "RangeKeys", "RangeKeysLookup");
        ResultDocument.Benchmark kv = doc.benchmarks().get(0);
        assertThat(kv.name()).isEqualTo("BenchmarkRangeKV/key=int64/value=int64/size=100");
        assertThat(kv.scenario()).isEqualTo("range-kv-vs-keys");
        assertThat(kv.keyType()).isEqualTo("int64");
        assertThat(kv.valueType()).isEqualTo("int64");
        assertThat(kv.size()).isEqualTo(100L);
        assertThat(kv.stats()).containsKeys("nsPerOp", "nsPerElem", "bytesPerOp", "allocsPerOp", "gcPerOp");
        ResultDocument.Summary ns = kv.stats().get("nsPerOp");
        assertThat(ns.n()).isEqualTo(3);
        assertThat(ns.median()).isEqualTo(843.2);
        assertThat(ns.ciLow()).isLessThanOrEqualTo(ns.median());
        assertThat(ns.ciHigh()).isGreaterThanOrEqualTo(ns.median());
        assertThat(doc.claims()).extracting(ResultDocument.Claim::id).contains("iteration-order-random");
        assertThat(doc.claims()).filteredOn(c -> c.id().equals("iteration-order-random")).singleElement()
                .satisfies(c -> assertThat(c.verdict()).isEqualTo("confirmed"));
        assertThat(doc.raw().get("apiVersion").asText()).isEqualTo("mapbench.io/result/v1");
    }

    /** A real log of the current workload: the document in bounded "# " lines, a `partly` verdict. */
    @Test
    void readsARealLogWithTheDocumentInBoundedLines() {
        String bounded = RunFixtures.resource("pod-log-bounded.txt");
        String between = bounded.substring(bounded.indexOf(ResultExtractor.BEGIN), bounded.indexOf(ResultExtractor.END));
        assertThat(between.lines().skip(1)).hasSizeGreaterThan(1).allMatch(l -> l.startsWith(ResultExtractor.LINE_PREFIX)
                && l.length() <= 4096);
        ResultDocument doc = reader.read(bounded);
        assertThat(doc.benchmarks()).extracting(ResultDocument.Benchmark::variant)
                .containsExactlyInAnyOrder("RangeKV", "RangeKeys", "RangeKeysLookup");
        assertThat(doc.claims()).filteredOn(c -> c.id().equals("concurrent-write-panics")).singleElement()
                .satisfies(c -> assertThat(c.verdict()).isEqualTo("partly"));
        assertThat(doc.claims()).filteredOn(c -> c.id().equals("hmap-field-offsets")).singleElement()
                .satisfies(c -> assertThat(c.verdict()).isEqualTo("not-applicable"));
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                Arguments.of("missing required property", (Consumer<ObjectNode>) d -> ((ObjectNode) d.get("environment")).remove("goarch"),
                        "result document: environment.goarch: "),
                Arguments.of("unknown property", (Consumer<ObjectNode>) d -> d.put("extra", 1), "result document: extra: "),
                Arguments.of("wrong apiVersion", (Consumer<ObjectNode>) d -> d.put("apiVersion", "mapbench.io/result/v2"),
                        "result document: apiVersion: "),
                Arguments.of("bad enum", (Consumer<ObjectNode>) d -> ((ObjectNode) d.get("environment")).put("mapImpl", "btree"),
                        "result document: environment.mapImpl: "),
                Arguments.of("size out of range", (Consumer<ObjectNode>) d -> ((ObjectNode) d.get("benchmarks").get(0)).put("size", 0),
                        "result document: benchmarks[0].size: "),
                Arguments.of("no samples", (Consumer<ObjectNode>) d -> ((ObjectNode) d.get("benchmarks").get(1)).set("samples", JSON.createArrayNode()),
                        "result document: benchmarks[1].samples: "),
                Arguments.of("claim verdict", (Consumer<ObjectNode>) d -> ((ObjectNode) d.get("claims").get(0)).put("verdict", "maybe"),
                        "result document: claims[0].verdict: "),
                Arguments.of("benchmarks not an array", (Consumer<ObjectNode>) d -> d.put("benchmarks", "none"),
                        "result document: benchmarks: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void schemaViolationsNameTheField(String name, Consumer<ObjectNode> corrupt, String prefix) throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(ResultExtractor.extract(log, ResultExtractor.DEFAULT_MAX_BYTES));
        corrupt.accept(doc);
        String json = JSON.writeValueAsString(doc);
        assertThatThrownBy(() -> reader.parse(json)).isInstanceOf(ResultDocumentException.class)
                .hasMessageStartingWith(prefix)
                .satisfies(e -> assertThat(((ResultDocumentException) e).problem()).isNotBlank());
    }

    @Test
    void invalidJsonSaysWhere() {
        assertThatThrownBy(() -> reader.parse("{\"apiVersion\": }"))
                .hasMessageStartingWith("result document: json: not valid JSON at line 1 column 16: ");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> reader.parse("{\"kind\":\"a\",\"kind\":\"b\"}")).hasMessageStartingWith("result document: json: ")
                .hasMessageContaining("kind");
    }

    @Test
    void configuredSizeLimitApplies() {
        ResultReader small = new ResultReader(ResultSchema.bundled(), 1000);
        assertThatThrownBy(() -> small.read(log)).hasMessageMatching("result document: size: [0-9]+ bytes, over the limit of 1000 bytes");
        assertThatThrownBy(() -> new ResultReader(ResultSchema.bundled(), 0)).hasMessage("result size limit: 0 bytes (must be at least 1)");
    }

    @Test
    void validationReportsHowManyMoreViolationsThereAre() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(ResultExtractor.extract(log, ResultExtractor.DEFAULT_MAX_BYTES));
        doc.put("extra1", 1);
        doc.put("extra2", 2);
        doc.put("extra3", 3);
        assertThatThrownBy(() -> reader.parse(JSON.writeValueAsString(doc))).hasMessageEndingWith("(and 2 more schema violations)");
    }

    @Test
    void theFixtureIsTheWorkloadOutputNotAHandWrittenImitation() {
        // Guards the fixture's provenance: the header lines the workload prints before the document.
        assertThat(log).startsWith("goos: linux\ngoarch: amd64\npkg: mapbench.io/workload\n");
        JsonNode config = reader.read(log).raw().get("config");
        assertThat(config.get("suite").asText()).isEqualTo("smoke");
        assertThat((ArrayNode) config.get("scenarios")).hasSize(2);
    }
}
