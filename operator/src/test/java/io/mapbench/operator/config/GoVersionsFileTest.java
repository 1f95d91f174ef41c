package io.mapbench.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoVersionsFileTest {

    static Stream<Arguments> validFiles() {
        return Stream.of(
                Arguments.of("1.26.8\n", List.of("1.26.8")),
                Arguments.of("# header\n\n1.21.13\n# note\n1.23.12\n", List.of("1.21.13", "1.23.12")),
                Arguments.of("  1.24.1   # trailing comment\r\n", List.of("1.24.1")));
    }

    @ParameterizedTest
    @MethodSource("validFiles")
    void parsesReleasesIgnoringCommentsAndBlankLines(String text, List<String> expected) {
        assertThat(GoVersionsFile.parse(text).versions()).isEqualTo(expected);
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                Arguments.of("1.26\n", "line 1: '1.26' is not a Go release"),
                Arguments.of("# only comments\n\n", "lists no Go release"),
                Arguments.of("1.21.13\ngo1.23.12\n", "line 2: 'go1.23.12' is not a Go release"),
                Arguments.of("1.21.13\n1.21.13\n", "line 2: 1.21.13 is listed twice"));
    }

    @ParameterizedTest
    @MethodSource("invalidFiles")
    void rejectsMalformedFilesNamingTheLine(String text, String message) {
        assertThatThrownBy(() -> GoVersionsFile.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void theRepositoryListParses() throws Exception {
        String text = java.nio.file.Files.readString(RepoFiles.path("workload/go-versions.txt"));
        assertThat(GoVersionsFile.parse(text).versions()).isNotEmpty().allMatch(v -> v.matches("1\\.[0-9]+\\.[0-9]+"));
    }
}
