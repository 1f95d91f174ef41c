package io.mapbench.operator.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResultExtractorTest {
    private static final String B = ResultExtractor.BEGIN;
    private static final String E = ResultExtractor.END;

    @Test
    void findsTheLineBetweenTheMarkers() {
        String log = "goos: linux\nBenchmarkX 10 5 ns/op\n" + B + "\n{\"a\":1}\n" + E + "\n# trailing progress\n";
        assertThat(ResultExtractor.extract(log, 100)).isEqualTo("{\"a\":1}");
    }

    @Test
    void joinsTheBoundedLineForm() {
        // The pieces are joined exactly after the prefix: the second starts with the space of "y z".
        String log = "goos: linux\n" + B + "\n# {\"a\":\"x y\n#  z\",\n# \"b\":2}\n" + E + "\n";
        assertThat(ResultExtractor.extract(log, 100)).isEqualTo("{\"a\":\"x y z\",\"b\":2}");
        assertThat(ResultExtractor.extract(log.replace("\n", "\r\n"), 100)).isEqualTo("{\"a\":\"x y z\",\"b\":2}");
    }

    @Test
    void boundedLineFormCountsTheJoinedBytes() {
        String log = B + "\n# {\"x\":\n# \"é\"}\n" + E;
        assertThat(ResultExtractor.extract(log, 10)).isEqualTo("{\"x\":\"é\"}");
        assertThatThrownBy(() -> ResultExtractor.extract(log, 9)).isInstanceOf(ResultDocumentException.class)
                .hasMessage("result document: size: 10 bytes, over the limit of 9 bytes");
    }

    @Test
    void toleratesCarriageReturns() {
        assertThat(ResultExtractor.extract(B + "\r\n{}\r\n" + E + "\r\n", 100)).isEqualTo("{}");
    }

    @Test
    void sizeLimitIsInclusiveAndCountsUtf8Bytes() {
        String doc = "{\"x\":\"é\"}"; // 10 bytes in UTF-8, 9 chars
        assertThat(ResultExtractor.extract(B + "\n" + doc + "\n" + E, 10)).isEqualTo(doc);
        assertThatThrownBy(() -> ResultExtractor.extract(B + "\n" + doc + "\n" + E, 9))
                .isInstanceOf(ResultDocumentException.class)
                .hasMessage("result document: size: 10 bytes, over the limit of 9 bytes");
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("empty log", "", "result document: markers: the pod log is empty (expected the line \"" + B + "\")"),
                Arguments.of("no begin marker", "BenchmarkX 1 2 ns/op\n", "result document: markers: no line \"" + B
                        + "\" in the pod log: the workload did not print a result document"),
                Arguments.of("no end marker (truncated)", "x\n" + B + "\n{\"a\":1}\n", "result document: markers: no line \"" + E
                        + "\" after the line \"" + B + "\" (line 2): the document is incomplete (truncated log?)"),
                Arguments.of("truncated bounded lines", B + "\n# {\"a\":\n# 1", "result document: markers: no line \"" + E
                        + "\" after the line \"" + B + "\" (line 1): the document is incomplete (truncated log?)"),
                Arguments.of("document on two bare lines", B + "\n{\"a\":\n1}\n" + E, "result document: document: line 2 between the"
                        + " markers starts with neither \"# \" nor (as the only line) \"{\""),
                Arguments.of("foreign line among bounded lines", B + "\n# {\"a\":\nBenchmarkX 1 2 ns/op\n# 1}\n" + E,
                        "result document: document: line 3 between the markers starts with neither \"# \" nor (as the only line) \"{\""),
                Arguments.of("nothing between the markers", B + "\n" + E, "result document: document: no document between the markers"),
                Arguments.of("two documents", B + "\n{}\n" + E + "\n" + B + "\n{}\n" + E, "result document: markers: the line \""
                        + B + "\" appears more than once (lines 1 and 4); a pod prints exactly one document"),
                Arguments.of("blank document", B + "\n# \n" + E, "result document: document: empty document between the markers"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenLogsSayWhatIsWrong(String name, String log, String message) {
        assertThatThrownBy(() -> ResultExtractor.extract(log, ResultExtractor.DEFAULT_MAX_BYTES))
                .isInstanceOf(ResultDocumentException.class).hasMessage(message);
    }

    @Test
    void defaultLimitIsOneMebibyte() {
        assertThat(ResultExtractor.DEFAULT_MAX_BYTES).isEqualTo(1_048_576L);
    }
}
