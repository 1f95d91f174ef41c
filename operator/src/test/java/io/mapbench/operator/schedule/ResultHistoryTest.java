package io.mapbench.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mapbench.operator.api.v1alpha1.BenchmarkResult;

class ResultHistoryTest {

    @Test
    void windowIsPerClusterAndGoVersion() {
        List<BenchmarkResult> results = List.of(
                ScheduleFixtures.result("r3", "2026-03-03T02:05:00Z", "cloud-1", "1.26", Map.of("A", 3.0)),
                ScheduleFixtures.result("r1", "2026-03-01T02:05:00Z", "cloud-1", "1.26", Map.of("A", 1.0)),
                ScheduleFixtures.result("r2", "2026-03-02T02:05:00Z", "cloud-1", "1.26", Map.of("A", 2.0)),
                ScheduleFixtures.result("r1", "2026-03-01T02:06:00Z", "edge-1", "1.26", Map.of("A", 10.0)),
                ScheduleFixtures.result("r2", "2026-03-02T02:06:00Z", "edge-1", "1.26", Map.of("A", 20.0)));

        ResultHistory history = new ResultHistory(results, 2);

        assertThat(history.beyondWindow()).singleElement()
                .satisfies(r -> assertThat(r.getMetadata().getName()).isEqualTo("r1-cloud-1-1-26"));
        assertThat(history.series()).extracting(ResultHistory.Series::cluster, s -> List.of(s.medians()[0], s.medians()[1]))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cloud-1", List.of(2.0, 3.0)),
                        org.assertj.core.groups.Tuple.tuple("edge-1", List.of(10.0, 20.0)));
    }

    @Test
    void seriesPerBenchmarkSkipRunsWithoutThatBenchmark() {
        List<BenchmarkResult> results = List.of(
                ScheduleFixtures.result("r1", "2026-03-01T02:05:00Z", "cloud-1", "1.26", Map.of("A", 1.0, "B", 5.0)),
                ScheduleFixtures.result("r2", "2026-03-02T02:05:00Z", "cloud-1", "1.26", Map.of("A", 2.0)),
                ScheduleFixtures.result("r3", "2026-03-03T02:05:00Z", "cloud-1", "1.26", Map.of("A", 3.0, "B", 7.0)));

        List<ResultHistory.Series> series = new ResultHistory(results, 30).series();

        assertThat(series).extracting(ResultHistory.Series::benchmark).containsExactly("A", "B");
        assertThat(series.get(0).points()).extracting(ResultHistory.Point::run).containsExactly("r1", "r2", "r3");
        assertThat(series.get(1).points()).extracting(ResultHistory.Point::run, ResultHistory.Point::median)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r1", 5.0), org.assertj.core.groups.Tuple.tuple("r3", 7.0));
        assertThat(series.get(1).points().get(1).time()).isEqualTo("2026-03-03T02:05:00Z");
    }
}
