package io.mapbench.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ScheduledRunNamesTest {

    @Test
    void tickNameIsTheUtcMinute() {
        assertThat(ScheduledRunNames.forTick("nightly", Instant.parse("2026-03-01T02:00:00Z"))).isEqualTo("nightly-202603010200");
    }

    @Test
    void runNowNameIsTheTokensSha256Prefix() {
        // printf %s 1 | sha256sum -> 6b86b273ff34fce1...
        assertThat(ScheduledRunNames.forRunNow("nightly", "1")).isEqualTo("nightly-now-6b86b273");
        assertThat(ScheduledRunNames.forRunNow("nightly", "1")).isEqualTo(ScheduledRunNames.forRunNow("nightly", "1"));
        assertThat(ScheduledRunNames.forRunNow("nightly", "2")).isNotEqualTo(ScheduledRunNames.forRunNow("nightly", "1"));
    }

    @Test
    void longestAllowedScheduleNameGivesRunNamesOfFortyCharacters() {
        String schedule = "s".repeat(ScheduledRunNames.MAX_SCHEDULE_NAME_LENGTH);
        assertThat(ScheduledRunNames.MAX_SCHEDULE_NAME_LENGTH).isEqualTo(27);
        assertThat(ScheduledRunNames.forTick(schedule, Instant.parse("2026-12-31T23:59:00Z"))).hasSize(40);
        assertThat(ScheduledRunNames.forRunNow(schedule, "any token")).hasSize(40);
    }

    @Test
    void crdRuleLimitsScheduleNamesToTheSameLength() throws java.io.IOException {
        String crd = java.nio.file.Files.readString(java.nio.file.Path.of("../crds/benchmarkschedules.mapbench.io-v1.yml"));
        assertThat(crd).contains("size(self.metadata.name) <= " + ScheduledRunNames.MAX_SCHEDULE_NAME_LENGTH);
    }
}
