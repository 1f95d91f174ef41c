package io.mapbench.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.ChangePoint;

/** Change points of a schedule's history, found by the real E-Divisive detector on result medians. */
class ScheduleChangePointsTest {
    private static final double[] STEP = {100, 101, 99, 100, 102, 98, 100, 101, 99, 100,
        130, 131, 129, 130, 132, 128, 130, 131, 129, 130};
    private static final double[] NOISE = {100, 101, 99, 100, 102, 98, 100, 101, 99, 100,
        100, 101, 99, 100, 102, 98, 100, 101, 99, 100};

    /** One result per value, a day apart, for cluster c and benchmark b. */
    private static List<BenchmarkResult> nightly(String cluster, String benchmark, double[] medians) {
        List<BenchmarkResult> results = new ArrayList<>();
        for (int i = 0; i < medians.length; i++) {
            String created = Instant.parse("2026-03-01T02:05:00Z").plusSeconds(86_400L * i).toString();
            results.add(ScheduleFixtures.result("nightly-" + i, created, cluster, "1.26", Map.of(benchmark, medians[i])));
        }
        return results;
    }

    private static List<ChangePoint> find(List<BenchmarkResult> results) {
        return ScheduleChangePoints.find(new ResultHistory(results, 30).series(), ChangePointDetection.eDivisive(0.001, 5));
    }

    @Test
    void stepIsReportedAtTheFirstRunAfterIt() {
        List<ChangePoint> found = find(nightly("cloud-1", "BenchmarkIter", STEP));

        assertThat(found).singleElement().satisfies(cp -> {
            assertThat(cp.getCluster()).isEqualTo("cloud-1");
            assertThat(cp.getGoVersion()).isEqualTo("1.26");
            assertThat(cp.getBenchmark()).isEqualTo("BenchmarkIter");
            assertThat(cp.getRun()).isEqualTo("nightly-10");
            assertThat(cp.getTime()).isEqualTo("2026-03-11T02:05:00Z");
            assertThat(cp.getBeforeMedian()).isEqualTo(100.0);
            assertThat(cp.getAfterMedian()).isEqualTo(130.0);
            assertThat(cp.getChangePercent()).isCloseTo(30.0, within(1e-9));
            assertThat(cp.getPValue()).isLessThan(0.001);
        });
    }

    @Test
    void noiseAloneReportsNothing() {
        assertThat(find(nightly("cloud-1", "BenchmarkIter", NOISE))).isEmpty();
    }

    @Test
    void windowHidesAStepThatLeftIt() {
        List<BenchmarkResult> results = nightly("cloud-1", "BenchmarkIter", STEP);
        // The newest 8 runs are all after the step: nothing to report.
        assertThat(ScheduleChangePoints.find(new ResultHistory(results, 8).series(),
                ChangePointDetection.eDivisive(0.001, 5))).isEmpty();
    }

    @Test
    void mostRecentFirstAndAtMostTwenty() {
        List<BenchmarkResult> results = new ArrayList<>();
        for (int c = 0; c < 25; c++) {
            // Cluster c's step lands c hours later than cluster 0's (results created later).
            for (BenchmarkResult r : nightly(String.format("c%02d", c), "BenchmarkIter", STEP)) {
                r.getMetadata().setCreationTimestamp(Instant.parse(r.getMetadata().getCreationTimestamp())
                        .plusSeconds(3600L * c).toString());
                results.add(r);
            }
        }
        List<ChangePoint> found = find(results);
        assertThat(found).hasSize(ScheduleChangePoints.MAX_REPORTED);
        assertThat(found.get(0).getCluster()).isEqualTo("c24");
        assertThat(found.get(19).getCluster()).isEqualTo("c05");
    }
}
