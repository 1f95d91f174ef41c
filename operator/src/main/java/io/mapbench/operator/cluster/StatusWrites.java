package io.mapbench.operator.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.mapbench.operator.api.v1alpha1.MemberClusterStatus;

/**
 * Whether a probe must write MemberCluster status (pure). Every write wakes whoever watches
 * MemberClusters (the run controller among them), so a probe that found what the last write
 * already says writes nothing; only the heartbeat fields (lastProbeTime, consecutiveFailures) are
 * refreshed, at most once per refresh interval.
 */
final class StatusWrites {
    private StatusWrites() {
    }

    /**
     * @param written what the API server holds now
     * @param next what this probe found (its heartbeat fields are ignored for the comparison)
     */
    static boolean needed(MemberClusterStatus written, MemberClusterStatus next, Instant now, Duration refresh) {
        if (written == null || !withoutHeartbeat(written).equals(withoutHeartbeat(next))) {
            return true;
        }
        Instant last = parse(written.getLastProbeTime());
        return last == null || !now.isBefore(last.plus(refresh));
    }

    private static String withoutHeartbeat(MemberClusterStatus s) {
        MemberClusterStatus copy = Serialization.clone(s);
        copy.setLastProbeTime(null);
        copy.setConsecutiveFailures(null);
        return Serialization.asJson(copy);
    }

    private static Instant parse(String time) {
        if (time == null) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
