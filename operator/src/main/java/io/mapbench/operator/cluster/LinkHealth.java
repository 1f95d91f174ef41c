package io.mapbench.operator.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.mapbench.operator.api.v1alpha1.ConditionReasons;

/**
 * The link to one member judged from its recent probes (pure; the caller passes the time). It
 * decides two things:
 * <ul>
 * <li>the {@code Degraded} condition: a member that answers, but slowly (median probe round trip
 * over the window at or above {@code slowProbe}: {@code SlowLink}) or not every time (at least
 * two failed probes in the window: {@code IntermittentProbeFailures}). With hysteresis, so a link
 * near a threshold does not flap: SlowLink clears only when the median drops below half of
 * {@code slowProbe}, IntermittentProbeFailures only when the window holds no failure at all. The
 * message keeps the figures measured when the state was entered, so an unchanged verdict never
 * causes a status write;</li>
 * <li>whether a probe failure ends {@code Ready}: a member stays usable through short blackouts
 * (a blip on an edge link), and is reported unreachable only after {@code unreachableAfter}
 * failures in a row, since the first of them.</li>
 * </ul>
 */
final class LinkHealth {
    /** Probes kept at most, whatever the window (bounds memory per member). */
    static final int MAX_PROBES = 32;
    /** Failed probes in the window that make the link intermittent. */
    static final int FAILURES_TO_DEGRADE = 2;
    /** Successful probes needed before the latency is judged (one slow probe is a cold connection). */
    static final int MIN_SAMPLES = 2;

    record Settings(Duration window, Duration slowProbe, int unreachableAfter) {
        Settings {
            if (window.isNegative() || window.isZero() || slowProbe.isNegative() || slowProbe.isZero() || unreachableAfter < 1) {
                throw new IllegalArgumentException("link health settings must be positive: " + window + ", " + slowProbe
                        + ", " + unreachableAfter);
            }
        }
    }

    /** One probe: when, and its round trip (null when it failed to reach the member). */
    record Probe(Instant at, Duration roundTrip) {
        boolean failed() {
            return roundTrip == null;
        }
    }

    /** The Degraded condition's status (true: degraded), reason and message. */
    record Verdict(boolean degraded, String reason, String message) {
    }

    private final Settings settings;
    private final Deque<Probe> probes = new ArrayDeque<>();
    private Verdict verdict;
    /** When the current verdict was entered: a degraded one lasts at least one window. */
    private Instant enteredAt = Instant.EPOCH;
    /** When the current run of failed probes began; null after a success. */
    private Instant failingSince;
    private int failuresInARow;

    LinkHealth(Settings settings) {
        this.settings = settings;
        this.verdict = healthy();
    }

    /**
     * Continues from the verdict status already holds (an operator restart forgets the probes): a
     * degraded member stays degraded until fresh probes show otherwise, instead of flapping to
     * healthy on the first probe.
     */
    LinkHealth(Settings settings, Verdict written, Instant now) {
        this(settings);
        if (written != null && written.degraded()) {
            this.verdict = written;
            this.enteredAt = now;
        }
    }

    /** Records a probe that reached the member (whatever else it found) and its round trip. */
    void answered(Instant at, Duration roundTrip) {
        add(new Probe(at, roundTrip));
        failingSince = null;
        failuresInARow = 0;
    }

    /** Records a probe that could not reach the member (network error or timeout). */
    void failed(Instant at) {
        add(new Probe(at, null));
        if (failingSince == null) {
            failingSince = at;
        }
        failuresInARow++;
    }

    /** Whether any probe reached the member or failed to since this operator started. */
    boolean probed() {
        return !probes.isEmpty() || verdict.degraded();
    }

    /** True while the member has failed fewer than unreachableAfter probes in a row: Ready stays as it is. */
    boolean toleratesFailure() {
        return failuresInARow > 0 && failuresInARow < settings.unreachableAfter();
    }

    /** When the current run of failures began (Ready's transition time when it ends Ready); null if none. */
    Instant failingSince() {
        return failingSince;
    }

    /** The Degraded verdict at {@code now}, changed only when a threshold of the hysteresis is crossed. */
    Verdict judge(Instant now) {
        prune(now);
        List<Probe> window = List.copyOf(probes);
        long failures = window.stream().filter(Probe::failed).count();
        List<Duration> roundTrips = window.stream().filter(p -> !p.failed()).map(Probe::roundTrip).sorted().toList();
        Duration median = roundTrips.size() < MIN_SAMPLES ? null : roundTrips.get(roundTrips.size() / 2);
        boolean intermittent = failures >= FAILURES_TO_DEGRADE
                || ConditionReasons.INTERMITTENT_PROBE_FAILURES.equals(verdict.reason())
                        && (failures > 0 || now.isBefore(enteredAt.plus(settings.window())));
        boolean slow = median != null && (median.compareTo(settings.slowProbe()) >= 0
                || ConditionReasons.SLOW_LINK.equals(verdict.reason()) && median.compareTo(settings.slowProbe().dividedBy(2)) >= 0);
        if (!slow && median == null && ConditionReasons.SLOW_LINK.equals(verdict.reason())) {
            slow = true; // too few answers in the window to say it got faster
        }
        String reason = intermittent ? ConditionReasons.INTERMITTENT_PROBE_FAILURES
                : slow ? ConditionReasons.SLOW_LINK : ConditionReasons.LINK_HEALTHY;
        if (reason.equals(verdict.reason())) {
            return verdict;
        }
        String figures = figures(window.size(), failures, median);
        verdict = switch (reason) {
            case ConditionReasons.INTERMITTENT_PROBE_FAILURES -> new Verdict(true, reason, failures + " of " + window.size()
                    + " probes failed to reach the member" + figures + "; Ready stays True until "
                    + settings.unreachableAfter() + " fail in a row");
            case ConditionReasons.SLOW_LINK -> new Verdict(true, reason, "median probe round trip " + millis(median)
                    + " at or above " + millis(settings.slowProbe()) + figures + "; runs are still placed here");
            default -> healthy();
        };
        enteredAt = now;
        return verdict;
    }

    private Verdict healthy() {
        return new Verdict(false, ConditionReasons.LINK_HEALTHY, "probes answer in under " + millis(settings.slowProbe())
                + " (median) with fewer than " + FAILURES_TO_DEGRADE + " failures per " + human(settings.window()));
    }

    private String figures(int probes, long failures, Duration median) {
        return " (last " + human(settings.window()) + ": " + probes + " probes, " + failures + " failed"
                + (median == null ? "" : ", median round trip " + millis(median)) + ")";
    }

    private void add(Probe probe) {
        probes.addLast(probe);
        while (probes.size() > MAX_PROBES) {
            probes.removeFirst();
        }
    }

    private void prune(Instant now) {
        Instant oldest = now.minus(settings.window());
        while (!probes.isEmpty() && probes.peekFirst().at().isBefore(oldest)) {
            probes.removeFirst();
        }
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }
}
