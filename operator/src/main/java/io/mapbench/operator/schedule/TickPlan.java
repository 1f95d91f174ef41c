package io.mapbench.operator.schedule;

import java.time.Instant;
import java.time.Duration;
import java.util.Optional;

/**
 * What the schedule should do about cron ticks now.
 *
 * @param due     the tick to create a run for now (at most one, the latest missed one within the
 *                starting deadline), empty when none is due
 * @param next    the next tick after now, empty while suspended (or when the expression never fires again)
 * @param skipped a tick that came and was missed by more than the starting deadline (reported, not run)
 */
public record TickPlan(Optional<Instant> due, Optional<Instant> next, Optional<Instant> skipped) {

    /** How long until the reconciler should look again for the next tick (never zero or negative). */
    public Optional<Duration> wakeUpAfter(Instant now) {
        return next.map(n -> Duration.between(now, n)).map(d -> d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d);
    }
}
