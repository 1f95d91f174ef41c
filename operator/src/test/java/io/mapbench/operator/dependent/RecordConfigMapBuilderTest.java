package io.mapbench.operator.dependent;

import static io.mapbench.operator.testfixtures.RunFixtures.edge;
import static io.mapbench.operator.testfixtures.RunFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import org.junit.jupiter.api.Test;

class RecordConfigMapBuilderTest {
    private static final DispatchSettings SETTINGS = new DispatchSettings("hub", "mapbench.local", new Quantity("1"), new Quantity("512Mi"));

    @Test
    void recordsTheRunForHumans() {
        BenchmarkRun r = run("perf", "seed", "uid-9", "2026-11-25T08:00:00Z");
        ConfigMap cm = RecordConfigMapBuilder.build(r, edge("edge-k3s-1"), "1.21.13", SETTINGS);
        assertThat(cm.getMetadata().getName()).isEqualTo(RemoteNames.jobName(RunRef.of("hub", r), "edge-k3s-1", "1.21.13"));
        assertThat(cm.getMetadata().getNamespace()).isEqualTo("mapbench-workloads");
        assertThat(cm.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "run-record")
                .containsEntry("mapbench.io/go-version", "1.21.13").containsEntry("mapbench.io/run-uid", "uid-9");
        assertThat(cm.getData()).containsEntry("run", "perf/seed").containsEntry("cluster", "edge-k3s-1")
                .containsEntry("goVersion", "1.21.13").containsEntry("image", "mapbench.local/mapbench-workload:go1.21.13")
                .containsEntry("args", "run\n--suite\nsmoke\n--repetitions\n10\n--termination-log\n/dev/termination-log\n");
        JsonNode spec = Serialization.unmarshal(cm.getData().get("spec.json"), JsonNode.class);
        assertThat(spec.get("suite").asText()).isEqualTo("smoke");
        assertThat(spec.get("goVersions").get(0).asText()).isEqualTo("1.26");
    }
}
