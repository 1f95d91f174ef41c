package io.mapbench.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteLabelsTest {
    private static final RunRef RUN = new RunRef("3f2a-hub-uid", "perf", "seed", "run-uid");

    @Test
    void everyObjectCarriesTheAppAndRunLabels() {
        Map<String, String> labels = RemoteLabels.of(RUN, RemoteLabels.COMPONENT_BENCHMARK, "cloud-1", "1.26.8");
        assertThat(labels).containsExactly(
                Map.entry("app.kubernetes.io/name", "mapbench"),
                Map.entry("app.kubernetes.io/instance", "seed"),
                Map.entry("app.kubernetes.io/component", "benchmark"),
                Map.entry("app.kubernetes.io/managed-by", "mapbench-operator"),
                Map.entry("mapbench.io/run-uid", "run-uid"),
                Map.entry("mapbench.io/run-name", "seed"),
                Map.entry("mapbench.io/run-namespace", "perf"),
                Map.entry("mapbench.io/hub", "3f2a-hub-uid"),
                Map.entry("mapbench.io/cluster", "cloud-1"),
                Map.entry("mapbench.io/go-version", "1.26.8"));
    }

    @Test
    void clusterNamesLongerThanALabelValueAreLeftToTheAnnotation() {
        String longName = "member-" + "x".repeat(60) + ".example.org";
        assertThat(RemoteLabels.of(RUN, RemoteLabels.COMPONENT_DISRUPTION_BUDGET, longName, null))
                .doesNotContainKey("mapbench.io/cluster").doesNotContainKey("mapbench.io/go-version");
    }

    @Test
    void podSelectorPicksTheRunsBenchmarkPodsOfThisHub() {
        assertThat(RemoteLabels.benchmarkPodSelector(RUN)).containsExactly(Map.entry("mapbench.io/run-uid", "run-uid"),
                Map.entry("app.kubernetes.io/component", "benchmark"), Map.entry("mapbench.io/hub", "3f2a-hub-uid"));
    }
}
