package io.mapbench.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkScheduleStatus;
import io.mapbench.operator.api.v1alpha1.ComparisonSummary;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.RunPhase;

class ScheduleStatusComputerTest {
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:05Z");

    private static Condition condition(BenchmarkScheduleStatus status, String type) {
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    private static ScheduleStatusComputer.Observed observed(List<BenchmarkRun> runs) {
        return new ScheduleStatusComputer.Observed("2026-03-02T02:00:00Z", Optional.of(Instant.parse("2026-03-03T02:00:00Z")),
                new RunHistory(runs), List.of("nightly-202603020200"), "t1", List.of());
    }

    @Test
    void regressedIsMirroredFromTheLastFinishedRun() {
        BenchmarkRun older = ScheduleFixtures.regressed(ScheduleFixtures.run("nightly-202602280200", "2026-02-28T02:00:00Z",
                RunPhase.Succeeded), ConditionStatus.False, "NoRegression", "no benchmark slower");
        BenchmarkRun last = ScheduleFixtures.regressed(ScheduleFixtures.run("nightly-202603010200", "2026-03-01T02:00:00Z",
                RunPhase.Succeeded), ConditionStatus.True, "Regressed", "cloud-1 go1.26 BenchmarkX +12.0% (p=0.002)");
        ComparisonSummary summary = new ComparisonSummary();
        summary.setSlower(1);
        last.getStatus().setComparison(summary);

        BenchmarkScheduleStatus status = ScheduleStatusComputer.valid(null, 1, NOW, "valid", observed(List.of(older, last)));

        Condition regressed = condition(status, "Regressed");
        assertThat(regressed.getStatus()).isEqualTo(ConditionStatus.True);
        assertThat(regressed.getReason()).isEqualTo("Regressed");
        assertThat(regressed.getMessage()).isEqualTo("run nightly-202603010200: cloud-1 go1.26 BenchmarkX +12.0% (p=0.002)");
        assertThat(status.getLastFinishedRun()).isEqualTo("nightly-202603010200");
        assertThat(status.getLastComparison().getSlower()).isEqualTo(1);
        assertThat(status.getLastScheduleTime()).isEqualTo("2026-03-02T02:00:00Z");
        assertThat(status.getNextScheduleTime()).isEqualTo("2026-03-03T02:00:00Z");
        assertThat(status.getActiveRuns()).containsExactly("nightly-202603020200");
        assertThat(status.getLastRunNowToken()).isEqualTo("t1");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("ScheduleValid");
    }

    @Test
    void finishedRunWithoutComparisonIsUnknownNotCompared() {
        BenchmarkRun last = ScheduleFixtures.run("nightly-202603010200", "2026-03-01T02:00:00Z", RunPhase.Failed);
        BenchmarkScheduleStatus status = ScheduleStatusComputer.valid(null, 1, NOW, "valid", observed(List.of(last)));
        assertThat(condition(status, "Regressed").getStatus()).isEqualTo(ConditionStatus.Unknown);
        assertThat(condition(status, "Regressed").getReason()).isEqualTo("NotCompared");
    }

    @Test
    void mirroredValuesStayWhenTheFinishedRunsAreDeleted() {
        BenchmarkRun last = ScheduleFixtures.regressed(ScheduleFixtures.run("nightly-202603010200", "2026-03-01T02:00:00Z",
                RunPhase.Succeeded), ConditionStatus.True, "Regressed", "slower");
        BenchmarkScheduleStatus before = ScheduleStatusComputer.valid(null, 1, NOW, "valid", observed(List.of(last)));

        BenchmarkScheduleStatus after = ScheduleStatusComputer.valid(before, 1, NOW.plusSeconds(60), "valid",
                observed(List.of()));

        assertThat(after.getLastFinishedRun()).isEqualTo("nightly-202603010200");
        assertThat(condition(after, "Regressed").getStatus()).isEqualTo(ConditionStatus.True);
        assertThat(ScheduleStatusComputer.same(before, after)).isTrue();
    }

    @Test
    void noFinishedRunYet() {
        BenchmarkScheduleStatus status = ScheduleStatusComputer.valid(null, 1, NOW, "valid", observed(List.of()));
        assertThat(condition(status, "Regressed").getReason()).isEqualTo("NoFinishedRun");
        assertThat(status.getLastFinishedRun()).isNull();
    }

    @Test
    void invalidScheduleIsReadyFalseKeepsHistoryAndDropsTheNextTick() {
        BenchmarkScheduleStatus before = ScheduleStatusComputer.valid(null, 1, NOW, "valid", observed(List.of()));
        InvalidScheduleException problem = new InvalidScheduleException("spec.timeZone", "\"Mars/Olympus\" is not known");

        BenchmarkScheduleStatus status = ScheduleStatusComputer.invalid(before, 2, NOW.plusSeconds(5), problem);

        Condition ready = condition(status, "Ready");
        assertThat(ready.getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(ready.getReason()).isEqualTo("InvalidSchedule");
        assertThat(ready.getMessage()).isEqualTo("spec.timeZone: \"Mars/Olympus\" is not known");
        assertThat(ready.getObservedGeneration()).isEqualTo(2L);
        assertThat(ready.getLastTransitionTime()).isEqualTo("2026-03-02T02:00:10Z");
        assertThat(status.getNextScheduleTime()).isNull();
        assertThat(status.getLastScheduleTime()).isEqualTo("2026-03-02T02:00:00Z");
    }

    @Test
    void unchangedInputsGiveTheSameStatusAndKeepTransitionTimes() {
        BenchmarkScheduleStatus first = ScheduleStatusComputer.valid(null, 1, NOW, "valid", observed(List.of()));
        BenchmarkScheduleStatus again = ScheduleStatusComputer.valid(first, 1, NOW.plusSeconds(30), "valid", observed(List.of()));
        assertThat(ScheduleStatusComputer.same(first, again)).isTrue();
        assertThat(condition(again, "Ready").getLastTransitionTime()).isEqualTo("2026-03-02T02:00:05Z");
    }
}
