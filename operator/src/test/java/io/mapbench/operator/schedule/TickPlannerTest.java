package io.mapbench.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The tick decision on a fake clock (plain Instants), with CronJob's catch-up rules. */
class TickPlannerTest {
    private static final CronSchedule EVERY_MINUTE = CronSchedule.parse("* * * * *", null);
    private static final CronSchedule HOURLY = CronSchedule.parse("0 * * * *", null);
    private static final Duration DEADLINE = Duration.ofSeconds(600);

    @Test
    void nothingDueBeforeTheFirstTick() {
        TickPlan plan = TickPlanner.plan(HOURLY, Instant.parse("2026-03-01T10:20:00Z"), Instant.parse("2026-03-01T10:40:00Z"),
                DEADLINE, false);
        assertThat(plan.due()).isEmpty();
        assertThat(plan.next()).contains(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(plan.wakeUpAfter(Instant.parse("2026-03-01T10:40:00Z"))).contains(Duration.ofMinutes(20));
    }

    @Test
    void tickIsDueAtItsTime() {
        TickPlan plan = TickPlanner.plan(HOURLY, Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T11:00:00Z"),
                DEADLINE, false);
        assertThat(plan.due()).contains(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(plan.next()).contains(Instant.parse("2026-03-01T12:00:00Z"));
    }

    @Test
    void tickAlreadyRunIsNotDueAgain() {
        TickPlan plan = TickPlanner.plan(HOURLY, Instant.parse("2026-03-01T11:00:00Z"), Instant.parse("2026-03-01T11:00:30Z"),
                DEADLINE, false);
        assertThat(plan.due()).isEmpty();
    }

    @Test
    void operatorDownForHoursRunsOnlyTheLatestMissedTickWithinTheDeadline() {
        // Last run at 10:00; the operator comes back at 14:05: 11:00..13:00 are dropped, 14:00 is 5 minutes late.
        TickPlan plan = TickPlanner.plan(HOURLY, Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T14:05:00Z"),
                DEADLINE, false);
        assertThat(plan.due()).contains(Instant.parse("2026-03-01T14:00:00Z"));
    }

    @Test
    void missedTickOlderThanTheDeadlineIsSkipped() {
        TickPlan plan = TickPlanner.plan(HOURLY, Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T14:10:01Z"),
                DEADLINE, false);
        assertThat(plan.due()).isEmpty();
        assertThat(plan.skipped()).contains(Instant.parse("2026-03-01T14:00:00Z"));
        assertThat(plan.next()).contains(Instant.parse("2026-03-01T15:00:00Z"));
    }

    @Test
    void tickExactlyAtTheDeadlineStillRuns() {
        TickPlan plan = TickPlanner.plan(HOURLY, Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T14:10:00Z"),
                DEADLINE, false);
        assertThat(plan.due()).contains(Instant.parse("2026-03-01T14:00:00Z"));
    }

    @Test
    void suspendedScheduleHasNoDueAndNoNextTick() {
        TickPlan plan = TickPlanner.plan(EVERY_MINUTE, Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2026-03-01T10:03:10Z"), DEADLINE, true);
        assertThat(plan.due()).isEmpty();
        assertThat(plan.next()).isEmpty();
        assertThat(plan.wakeUpAfter(Instant.parse("2026-03-01T10:03:10Z"))).isEmpty();
    }

    @Test
    void resumedScheduleCatchesUpOnceWithinTheDeadline() {
        TickPlan plan = TickPlanner.plan(EVERY_MINUTE, Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2026-03-01T10:03:10Z"), DEADLINE, false);
        assertThat(plan.due()).contains(Instant.parse("2026-03-01T10:03:00Z"));
        assertThat(plan.next()).contains(Instant.parse("2026-03-01T10:04:00Z"));
    }
}
