package io.mapbench.operator.metrics;

import static io.mapbench.operator.metrics.ResultSeriesTest.DOC;
import static io.mapbench.operator.testfixtures.ResultObjects.compared;
import static io.mapbench.operator.testfixtures.ResultObjects.comparison;
import static io.mapbench.operator.testfixtures.ResultObjects.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.ComparisonVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The informer keeps a result without its samples and claims, yet yields the same series. */
class PrunedResultStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void prunedResultGivesTheSameSeriesAndIsMuchSmaller() throws Exception {
        BenchmarkResult full = result("perf", "n2-cloud", "nightly-2", "nightly", "cloud-1", "1.26.8",
                "2026-12-02T02:00:00Z", DOC);
        full.getSpec().setEmulation("qemu-aarch64");
        full.getSpec().setComparison(comparison("nightly-1", 5, List.of(compared(
                "BenchmarkRangeKV/key=int64/value=int64/size=100", 1000, 1250, 25, 0.0002, ComparisonVerdict.Slower))));
        PrunedResultStore store = new PrunedResultStore();
        store.put(store.getKey(full), full);
        BenchmarkResult kept = store.get("perf/n2-cloud");

        assertThat(ResultSeries.of(List.of(kept), List.of(), 20)).isEqualTo(ResultSeries.of(List.of(full), List.of(), 20));
        assertThat(kept.getSpec().getResult().get("benchmarks").get(0).has("samples")).isFalse();
        assertThat(kept.getSpec().getResult().has("claims")).isFalse();
        int fullBytes = JSON.writeValueAsBytes(full).length;
        int keptBytes = JSON.writeValueAsBytes(kept).length;
        assertThat(keptBytes).as("pruned %d of %d bytes", keptBytes, fullBytes).isLessThan(fullBytes / 3);
    }
}
