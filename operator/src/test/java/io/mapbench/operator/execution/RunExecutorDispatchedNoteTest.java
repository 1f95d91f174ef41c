package io.mapbench.operator.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** One Dispatched Event per run and reconcile, naming every cluster (not one Event per cluster). */
class RunExecutorDispatchedNoteTest {

    @Test
    void theSameGoVersionsEverywhereAreNamedOnce() {
        Map<String, List<String>> dispatched = new LinkedHashMap<>();
        dispatched.put("cloud-1", List.of("1.26.8", "1.23.12"));
        dispatched.put("edge-k3s-1", List.of("1.26.8", "1.23.12"));
        RunExecutor.Note note = RunExecutor.dispatchedNote(dispatched);
        assertThat(note.type()).isEqualTo("Normal");
        assertThat(note.reason()).isEqualTo("Dispatched");
        assertThat(note.message()).isEqualTo("Jobs for Go 1.26.8, 1.23.12 applied in cloud-1, edge-k3s-1"
                + " (with a PodDisruptionBudget unless spec.disruption allows eviction)");
    }

    @Test
    void differentGoVersionsPerClusterAreNamedPerCluster() {
        Map<String, List<String>> dispatched = new LinkedHashMap<>();
        dispatched.put("cloud-1", List.of("1.26.8", "1.23.12"));
        dispatched.put("edge-k3s-1", List.of("1.23.12"));
        assertThat(RunExecutor.dispatchedNote(dispatched).message()).isEqualTo(
                "Jobs applied in cloud-1 (Go 1.26.8, 1.23.12), edge-k3s-1 (Go 1.23.12)"
                        + " (with a PodDisruptionBudget unless spec.disruption allows eviction)");
    }
}
