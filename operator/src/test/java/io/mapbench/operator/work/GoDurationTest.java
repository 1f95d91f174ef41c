package io.mapbench.operator.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "0, 0",
        "0s, 0",
        "90s, 90000000000",
        "30m, 1800000000000",
        "1h30m, 5400000000000",
        "1.5h, 5400000000000",
        "500ms, 500000000",
        "250us, 250000",
        "7ns, 7",
        "1m0.5s, 60500000000",
    })
    void parsesLikeTimeParseDuration(String text, long nanos) {
        assertThat(GoDuration.parse("spec.timeout", text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"10 | spec.timeout: \"10\" is not a Go duration (e.g. 500ms, 90s, 30m, 1h30m)",
        "1d | spec.timeout: \"1d\" is not a Go duration (e.g. 500ms, 90s, 30m, 1h30m)",
        "-5s | spec.timeout: \"-5s\" is not a Go duration (e.g. 500ms, 90s, 30m, 1h30m)",
        "1h 30m | spec.timeout: \"1h 30m\" is not a Go duration (e.g. 500ms, 90s, 30m, 1h30m)"})
    void rejectsWithTheField(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse("spec.timeout", text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"''"})
    void emptyIsMissing(String text) {
        assertThatThrownBy(() -> GoDuration.parse("spec.benchtime", text))
                .hasMessage("spec.benchtime: missing (a Go duration such as 90s, 30m or 1h30m)");
    }
}
