package io.mapbench.operator.status;

/**
 * A change worth an Event: the run's phase, a condition's status, or one job's phase.
 *
 * @param subject {@code phase}, a condition type (e.g. {@code Degraded}), or {@code job <cluster>/<goVersion>}
 * @param from    previous value, null when there was none
 * @param to      new value
 * @param reason  CamelCase reason, usable as the Event's reason
 * @param warning whether the Event should be of type Warning (denials, failures, lost clusters)
 */
public record StatusTransition(String subject, String from, String to, String reason, String message, boolean warning) {
}
