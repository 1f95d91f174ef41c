package io.mapbench.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping with its real config sources, without starting Quarkus (which needs a cluster). */
public class MapbenchConfigTest {

    public static MapbenchConfig config(Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(MapbenchConfig.class)
                // the converters Quarkus registers for `2m` durations and `1M` sizes
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new GoVersionsConfigSource())
                .withSources(new PropertiesConfigSource(overrides, "test", 250))
                .build();
        return config.getConfigMapping(MapbenchConfig.class);
    }

    @Test
    void defaults() {
        MapbenchConfig config = config(Map.of());
        assertThat(config.imageRepository()).isEqualTo("mapbench.local");
        assertThat(config.operatorNamespace()).isEqualTo("mapbench-system");
        assertThat(config.unreachableDeadline()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.resultSizeLimit().asLongValue()).isEqualTo(1024 * 1024);
        assertThat(config.policy().enabled()).isTrue();
        assertThat(config.workload().cpu()).isEqualTo("1");
        assertThat(config.workload().memory()).isEqualTo("512Mi");
    }

    @Test
    void goVersionsDefaultToTheWorkloadListCopiedOntoTheClasspath() throws Exception {
        // The build copies workload/go-versions.txt; this fails if the copy and the file drift.
        GoVersionsFile file = GoVersionsFile.parse(Files.readString(RepoFiles.path("workload/go-versions.txt")));
        assertThat(config(Map.of()).goVersions()).isEqualTo(file.versions());
    }

    @Test
    void propertiesOverrideDefaults() {
        MapbenchConfig config = config(Map.of(
                "mapbench.go-versions", "1.26.8",
                "mapbench.policy.enabled", "false",
                "mapbench.unreachable-deadline", "45s",
                "mapbench.result-size-limit", "512K",
                "mapbench.operator-namespace", "bench-ops"));
        assertThat(config.goVersions()).containsExactly("1.26.8");
        assertThat(config.policy().enabled()).isFalse();
        assertThat(config.unreachableDeadline()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.resultSizeLimit().asLongValue()).isEqualTo(512 * 1024);
        assertThat(config.operatorNamespace()).isEqualTo("bench-ops");
    }
}
