package io.mapbench.operator.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A 5-field (Unix) cron expression in a time zone, parsed by cron-utils. Ticks are whole minutes;
 * {@link #latestAtOrBefore} and {@link #nextAfter} are what the tick planner needs.
 */
public final class CronSchedule {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    static final String ALLOWED_CRON = "a 5-field cron expression: minute (0-59) hour (0-23) day-of-month (1-31)"
            + " month (1-12 or JAN-DEC) day-of-week (0-7 or SUN-SAT), each *, a value, a range a-b, a list a,b or a step"
            + " */n, e.g. \"0 2 * * *\"";

    private final ExecutionTime executionTime;
    private final ZoneId zone;

    private CronSchedule(ExecutionTime executionTime, ZoneId zone) {
        this.executionTime = executionTime;
        this.zone = zone;
    }

    /**
     * @param expression spec.schedule
     * @param timeZone   spec.timeZone, null or empty for UTC
     * @throws InvalidScheduleException naming spec.schedule or spec.timeZone
     */
    public static CronSchedule parse(String expression, String timeZone) {
        ZoneId zone = zone(timeZone);
        if (expression == null || expression.isBlank()) {
            throw new InvalidScheduleException("spec.schedule", "missing; expected " + ALLOWED_CRON);
        }
        Cron cron;
        try {
            cron = UNIX.parse(expression.trim()).validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidScheduleException("spec.schedule", "\"" + expression + "\" is not valid (" + e.getMessage()
                    + "); expected " + ALLOWED_CRON);
        }
        CronSchedule parsed = new CronSchedule(ExecutionTime.forCron(cron), zone);
        // "0 0 30 2 *" parses but never fires: say so instead of silently never running.
        if (parsed.nextAfter(Instant.EPOCH).isEmpty()) {
            throw new InvalidScheduleException("spec.schedule", "\"" + expression + "\" never fires; expected "
                    + ALLOWED_CRON);
        }
        return parsed;
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isEmpty()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidScheduleException("spec.timeZone", "\"" + timeZone + "\" is not a known IANA time zone;"
                    + " allowed: a zone of the tz database such as UTC, Europe/Berlin or America/New_York");
        }
    }

    /** The latest tick at or before {@code now}, if the expression ever fired before it. */
    public Optional<Instant> latestAtOrBefore(Instant now) {
        // cron-utils' lastExecution is strictly before its argument; ticks are whole minutes.
        ZonedDateTime justAfter = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).atZone(zone);
        return executionTime.lastExecution(justAfter).map(ZonedDateTime::toInstant);
    }

    /** The first tick strictly after {@code now}. */
    public Optional<Instant> nextAfter(Instant now) {
        return executionTime.nextExecution(now.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    public ZoneId zone() {
        return zone;
    }
}
