package io.mapbench.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestNamespaceNameTest {
    static class BenchmarkRunValidationIT {
    }

    static class AVeryLongIntegrationTestClassNameThatGoesOnAndOnIT {
    }

    @ParameterizedTest
    @CsvSource({
            "io.mapbench.testsupport.TestNamespaceNameTest$BenchmarkRunValidationIT, benchmark-run-validation-it",
            "io.mapbench.testsupport.TestNamespaceNameTest$AVeryLongIntegrationTestClassNameThatGoesOnAndOnIT, a-very-long-integration-test-class-name",
    })
    void namespaceIsKebabClassNamePlusRandomSuffix(String className, String prefix) throws Exception {
        String name = LocalClustersExtension.namespaceFor(Class.forName(className));
        assertThat(name).startsWith(prefix + "-").matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$").hasSizeLessThanOrEqualTo(63);
        assertThat(name.substring(prefix.length() + 1)).hasSize(5);
        assertThat(LocalClustersExtension.namespaceFor(Class.forName(className))).as("unique per call").isNotEqualTo(name);
    }

    @Test
    void readsClusterNamesFromTheTopologyHubFirst() {
        Path root = LocalClusters.findRepoRoot();
        assertThat(LocalClusters.readTopology(root)).startsWith("hub").contains("cloud-1", "edge-k3s-1");
    }
}
