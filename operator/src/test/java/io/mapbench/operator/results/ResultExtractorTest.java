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
                Arguments.of("no end marker (truncated)", "x\n" + B + "\n{\"a\":1}\n", "result document: markers: the line after the"
                        + " document (line 4) is not \"" + E + "\": the document must be exactly one line (truncated log?)"),
                Arguments.of("document on two lines", B + "\n{\"a\":\n1}\n" + E, "result document: markers: the line after the"
                        + " document (line 3) is not \"" + E + "\": the document must be exactly one line (truncated log?)"),
                Arguments.of("two documents", B + "\n{}\n" + E + "\n" + B + "\n{}\n" + E, "result document: markers: the line \""
                        + B + "\" appears more than once (lines 1 and 4); a pod prints exactly one document"),
                Arguments.of("blank document", B + "\n \n" + E, "result document: document: empty line between the markers"));
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
