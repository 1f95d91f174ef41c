package io.mapbench.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LinkHealthTest {
    private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");
    private static final Duration PERIOD = Duration.ofSeconds(30);
    private static final LinkHealth.Settings SETTINGS = new LinkHealth.Settings(Duration.ofMinutes(5), Duration.ofMillis(500), 3);

    /** A fake clock: probe i happens at T0 + i probe periods. */
    private static Instant at(int probe) {
        return T0.plus(PERIOD.multipliedBy(probe));
    }

    @Test
    void fastProbesAreHealthy() {
        LinkHealth link = new LinkHealth(SETTINGS);
        for (int i = 0; i < 5; i++) {
            link.answered(at(i), Duration.ofMillis(20));
        }
        LinkHealth.Verdict v = link.judge(at(5));
        assertThat(v.degraded()).isFalse();
        assertThat(v.reason()).isEqualTo("LinkHealthy");
    }

    @Test
    void slowMedianIsSlowLinkWithTheMeasuredRoundTrip() {
        LinkHealth link = new LinkHealth(SETTINGS);
        link.answered(at(0), Duration.ofMillis(640));
        assertThat(link.judge(at(0)).degraded()).as("one slow probe (a cold connection) says nothing yet").isFalse();
        link.answered(at(1), Duration.ofMillis(610));
        LinkHealth.Verdict v = link.judge(at(1));
        assertThat(v.degraded()).isTrue();
        assertThat(v.reason()).isEqualTo("SlowLink");
        assertThat(v.message()).contains("median probe round trip 640 ms").contains("at or above 500 ms")
                .contains("last 5m: 2 probes, 0 failed");
    }

    @Test
    void slowLinkDoesNotFlapBetweenTheThresholdsAndKeepsItsMessage() {
        LinkHealth link = new LinkHealth(SETTINGS);
        link.answered(at(0), Duration.ofMillis(700));
        link.answered(at(1), Duration.ofMillis(700));
        LinkHealth.Verdict set = link.judge(at(1));
        assertThat(set.reason()).isEqualTo("SlowLink");
        // Round trips between 250 ms (half) and 500 ms: neither set nor clear, same verdict object.
        for (int i = 2; i < 30; i++) {
            link.answered(at(i), Duration.ofMillis(i % 2 == 0 ? 300 : 480));
            assertThat(link.judge(at(i))).as("probe %d", i).isSameAs(set);
        }
        // Faster than half the threshold for a window: cleared.
        List<LinkHealth.Verdict> seen = new ArrayList<>();
        for (int i = 30; i < 45; i++) {
            link.answered(at(i), Duration.ofMillis(40));
            seen.add(link.judge(at(i)));
        }
        assertThat(seen.get(seen.size() - 1).degraded()).isFalse();
        assertThat(seen.stream().map(LinkHealth.Verdict::reason).distinct()).containsExactly("SlowLink", "LinkHealthy");
    }

    @Test
    void oneFailedProbeIsNoiseTwoInTheWindowAreIntermittent() {
        LinkHealth link = new LinkHealth(SETTINGS);
        link.answered(at(0), Duration.ofMillis(20));
        link.failed(at(1));
        assertThat(link.judge(at(1)).degraded()).isFalse();
        link.answered(at(2), Duration.ofMillis(20));
        link.failed(at(3));
        LinkHealth.Verdict v = link.judge(at(3));
        assertThat(v.degraded()).isTrue();
        assertThat(v.reason()).isEqualTo("IntermittentProbeFailures");
        assertThat(v.message()).startsWith("2 of 4 probes failed to reach the member").contains("3 fail in a row");
    }

    @Test
    void intermittentClearsOnlyAfterAWindowWithoutFailures() {
        LinkHealth link = new LinkHealth(SETTINGS);
        link.failed(at(0));
        link.answered(at(1), Duration.ofMillis(20));
        link.failed(at(2));
        link.answered(at(3), Duration.ofMillis(20));
        assertThat(link.judge(at(3)).reason()).isEqualTo("IntermittentProbeFailures");
        // The last failure at probe 2 leaves the 5-minute window (10 periods) at probe 13.
        for (int i = 4; i <= 12; i++) {
            link.answered(at(i), Duration.ofMillis(20));
            assertThat(link.judge(at(i)).degraded()).as("probe %d", i).isTrue();
        }
        link.answered(at(13), Duration.ofMillis(20));
        assertThat(link.judge(at(13)).degraded()).isFalse();
    }

    @Test
    void readyToleratesFewerThanUnreachableAfterFailuresInARowAndKnowsWhenTheyBegan() {
        LinkHealth link = new LinkHealth(SETTINGS);
        link.answered(at(0), Duration.ofMillis(20));
        assertThat(link.toleratesFailure()).as("no failure: nothing to tolerate").isFalse();
        link.failed(at(1));
        assertThat(link.toleratesFailure()).isTrue();
        link.failed(at(2));
        assertThat(link.toleratesFailure()).isTrue();
        link.failed(at(3));
        assertThat(link.toleratesFailure()).as("third failure in a row: unreachable").isFalse();
        assertThat(link.failingSince()).isEqualTo(at(1));
        link.answered(at(4), Duration.ofMillis(20));
        assertThat(link.failingSince()).isNull();
        link.failed(at(5));
        assertThat(link.toleratesFailure()).as("a success resets the run").isTrue();
        assertThat(link.failingSince()).isEqualTo(at(5));
    }

    @Test
    void aRestartContinuesFromTheWrittenVerdictInsteadOfFlappingToHealthy() {
        LinkHealth.Verdict written = new LinkHealth.Verdict(true, "SlowLink", "median probe round trip 640 ms ...");
        LinkHealth link = new LinkHealth(SETTINGS, written, at(0));
        assertThat(link.probed()).isTrue();
        link.answered(at(0), Duration.ofMillis(650)); // first probe after the restart: too few samples
        assertThat(link.judge(at(0))).isSameAs(written);
        link.answered(at(1), Duration.ofMillis(620));
        assertThat(link.judge(at(1))).isSameAs(written);

        LinkHealth.Verdict intermittent = new LinkHealth.Verdict(true, "IntermittentProbeFailures", "2 of 5 probes failed ...");
        LinkHealth restarted = new LinkHealth(SETTINGS, intermittent, at(0));
        restarted.answered(at(0), Duration.ofMillis(20));
        assertThat(restarted.judge(at(1))).as("within one window of the restart").isSameAs(intermittent);
        restarted.answered(at(10), Duration.ofMillis(20));
        assertThat(restarted.judge(at(10)).degraded()).as("a full window without failure").isFalse();
    }

    @Test
    void keepsABoundedNumberOfProbes() {
        LinkHealth link = new LinkHealth(new LinkHealth.Settings(Duration.ofDays(1), Duration.ofMillis(500), 3));
        for (int i = 0; i < 1000; i++) {
            link.answered(T0.plusSeconds(i), Duration.ofMillis(i < 990 ? 900 : 20));
        }
        // Only the last 32 probes count: 22 slow, 10 fast -> still slow; the 990 older ones are gone.
        assertThat(link.judge(T0.plusSeconds(1000)).message()).contains("32 probes");
    }

    @Test
    void rejectsNonPositiveSettings() {
        assertThatThrownBy(() -> new LinkHealth.Settings(Duration.ZERO, Duration.ofMillis(500), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkHealth.Settings(Duration.ofMinutes(5), Duration.ofMillis(500), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
