package io.mapbench.operator.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides which cron tick is due, like CronJob's controller: of the ticks since the last one that
 * got a run (or since the schedule was created), only the latest is run, and only when it is no
 * older than the starting deadline; earlier missed ticks are dropped, so an operator that was down
 * for a day creates at most one catch-up run. Pure: the clock comes in as {@code now}.
 */
public final class TickPlanner {
    private TickPlanner() {
    }

    /**
     * @param since            the last tick that got a run, or the schedule's creation time
     * @param startingDeadline how late a tick may still be run
     */
    public static TickPlan plan(CronSchedule cron, Instant since, Instant now, Duration startingDeadline, boolean suspended) {
        if (suspended) {
            return new TickPlan(Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<Instant> next = cron.nextAfter(now);
        Optional<Instant> latest = cron.latestAtOrBefore(now).filter(t -> t.isAfter(since));
        if (latest.isEmpty()) {
            return new TickPlan(Optional.empty(), next, Optional.empty());
        }
        boolean inTime = !now.isAfter(latest.get().plus(startingDeadline));
        return inTime ? new TickPlan(latest, next, Optional.empty()) : new TickPlan(Optional.empty(), next, latest);
    }
}
