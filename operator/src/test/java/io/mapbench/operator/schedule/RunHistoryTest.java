package io.mapbench.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.RunPhase;

class RunHistoryTest {

    private static List<String> names(List<BenchmarkRun> runs) {
        return runs.stream().map(r -> r.getMetadata().getName()).toList();
    }

    @Test
    void activeFinishedAndLimitsByAge() {
        // Given out of order on purpose: the history sorts by creation time.
        RunHistory history = new RunHistory(List.of(
                ScheduleFixtures.run("s-4", "2026-03-01T04:00:00Z", RunPhase.Succeeded),
                ScheduleFixtures.run("s-1", "2026-03-01T01:00:00Z", RunPhase.Succeeded),
                ScheduleFixtures.run("s-6", "2026-03-01T06:00:00Z", RunPhase.Running),
                ScheduleFixtures.run("s-2", "2026-03-01T02:00:00Z", RunPhase.Failed),
                ScheduleFixtures.run("s-3", "2026-03-01T03:00:00Z", RunPhase.PartiallySucceeded),
                ScheduleFixtures.run("s-5", "2026-03-01T05:00:00Z", RunPhase.Succeeded),
                ScheduleFixtures.run("s-7", "2026-03-01T07:00:00Z", null)));

        assertThat(names(history.active())).containsExactly("s-6", "s-7");
        assertThat(history.lastFinished()).map(r -> r.getMetadata().getName()).contains("s-5");
        // 3 succeeded (1, 4, 5), limit 2 -> s-1; 2 failed (2, 3), limit 1 -> s-2.
        assertThat(names(history.beyondLimits(2, 1))).containsExactly("s-1", "s-2");
        assertThat(history.beyondLimits(3, 2)).isEmpty();
        assertThat(names(history.beyondLimits(0, 0))).containsExactly("s-1", "s-4", "s-5", "s-2", "s-3");
    }

    @Test
    void deniedRunNeitherBlocksNorCountsAsFinished() {
        RunHistory history = new RunHistory(List.of(
                ScheduleFixtures.run("s-1", "2026-03-01T01:00:00Z", RunPhase.Denied)));
        assertThat(history.active()).isEmpty();
        assertThat(history.lastFinished()).isEmpty();
        assertThat(names(history.beyondLimits(3, 0))).containsExactly("s-1");
    }

    @Test
    void runsBeingDeletedAreIgnored() {
        BenchmarkRun going = ScheduleFixtures.run("s-1", "2026-03-01T01:00:00Z", RunPhase.Running);
        going.getMetadata().setDeletionTimestamp("2026-03-01T01:30:00Z");
        RunHistory history = new RunHistory(List.of(going));
        assertThat(history.active()).isEmpty();
        assertThat(history.beyondLimits(0, 0)).isEmpty();
    }
}
