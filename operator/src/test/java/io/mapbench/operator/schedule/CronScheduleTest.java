package io.mapbench.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CronScheduleTest {

    @Test
    void nightlyInUtcFiresAtTwo() {
        CronSchedule cron = CronSchedule.parse("0 2 * * *", null);
        assertThat(cron.nextAfter(Instant.parse("2026-03-01T01:59:59Z"))).contains(Instant.parse("2026-03-01T02:00:00Z"));
        assertThat(cron.nextAfter(Instant.parse("2026-03-01T02:00:00Z"))).contains(Instant.parse("2026-03-02T02:00:00Z"));
    }

    @Test
    void latestTickIncludesATickExactlyNow() {
        CronSchedule cron = CronSchedule.parse("*/5 * * * *", "UTC");
        assertThat(cron.latestAtOrBefore(Instant.parse("2026-03-01T10:05:00Z"))).contains(Instant.parse("2026-03-01T10:05:00Z"));
        assertThat(cron.latestAtOrBefore(Instant.parse("2026-03-01T10:04:59.999Z")))
                .contains(Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void timeZoneShiftsTheTickAndFollowsDaylightSaving() {
        CronSchedule cron = CronSchedule.parse("0 2 * * *", "Europe/Berlin");
        // CET (UTC+1) in January, CEST (UTC+2) in July.
        assertThat(cron.nextAfter(Instant.parse("2026-01-10T00:00:00Z"))).contains(Instant.parse("2026-01-10T01:00:00Z"));
        assertThat(cron.nextAfter(Instant.parse("2026-07-09T23:00:00Z"))).contains(Instant.parse("2026-07-10T00:00:00Z"));
    }

    @Test
    void weekdayNamesAndRangesParse() {
        CronSchedule cron = CronSchedule.parse("30 6 * * MON-FRI", null);
        // 2026-03-07 is a Saturday: the next tick is Monday 2026-03-09.
        assertThat(cron.nextAfter(Instant.parse("2026-03-06T07:00:00Z"))).contains(Instant.parse("2026-03-09T06:30:00Z"));
    }

    @Test
    void badExpressionNamesTheFieldAndWhatIsAllowed() {
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", null))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> {
                    assertThat(e.field()).isEqualTo("spec.schedule");
                    assertThat(e.getMessage()).contains("\"61 * * * *\"").contains("minute (0-59)");
                });
        assertThatThrownBy(() -> CronSchedule.parse("* * * *", null)).isInstanceOf(InvalidScheduleException.class)
                .hasMessageStartingWith("spec.schedule: ");
    }

    @Test
    void expressionThatNeverFiresIsRejected() {
        assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *", null)).isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining("never fires");
    }

    @Test
    void unknownZoneNamesTheTimeZoneField() {
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * * *", "Mars/Olympus"))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> {
                    assertThat(e.field()).isEqualTo("spec.timeZone");
                    assertThat(e.getMessage()).contains("Mars/Olympus").contains("IANA");
                });
    }
}
