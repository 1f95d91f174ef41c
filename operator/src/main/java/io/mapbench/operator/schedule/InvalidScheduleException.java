package io.mapbench.operator.schedule;

/** A schedule's cron expression or time zone cannot be used; the message names the field and what is allowed. */
public final class InvalidScheduleException extends RuntimeException {
    private final String field;

    InvalidScheduleException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
