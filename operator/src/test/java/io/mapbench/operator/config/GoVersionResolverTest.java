package io.mapbench.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoVersionResolverTest {
    private final GoVersionResolver resolver = new GoVersionResolver(List.of("1.21.13", "1.23.12", "1.26.8"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "1.21,     1.21.13",
            "1.26,     1.26.8",
            "1.23.12,  1.23.12",
            "1.23.11,  none",
            "1.22,     none",
            "1.2,      none",
            "go1.26.8, none",
            "1,        none",
    })
    void resolvesMinorToTheListedPatchAndAcceptsOnlyListedReleases(String requested, String expected) {
        assertThat(resolver.resolve(requested).orElse(null)).isEqualTo(expected);
    }

    @Test
    void rejectsASupportedListThatIsNotReleases() {
        assertThatThrownBy(() -> new GoVersionResolver(List.of("1.26"))).hasMessageContaining("mapbench.go-versions: '1.26'");
    }
}
