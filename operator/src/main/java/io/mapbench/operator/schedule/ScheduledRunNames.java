package io.mapbench.operator.schedule;

import io.mapbench.operator.api.v1alpha1.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Deterministic names of a schedule's runs: the same tick or the same run-now token always gives
 * the same name, so creating it again (operator restart, lost status write) conflicts instead of
 * duplicating. Both suffixes are {@value #SUFFIX_LENGTH} characters, hence the schedule name limit.
 */
public final class ScheduledRunNames {
    /** "-" + yyyyMMddHHmm, and "-now-" + 8 hex digits. */
    public static final int SUFFIX_LENGTH = 13;
    /** Longest schedule name whose run names fit the BenchmarkRun name limit (the CRD's CEL rule says the same). */
    public static final int MAX_SCHEDULE_NAME_LENGTH = Vocabulary.RUN_NAME_MAX_LENGTH - SUFFIX_LENGTH;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    private ScheduledRunNames() {
    }

    /** {@code <schedule>-<yyyyMMddHHmm of the tick in UTC>}. */
    public static String forTick(String schedule, Instant tick) {
        return schedule + "-" + MINUTE.format(tick);
    }

    /** {@code <schedule>-now-<first 8 hex digits of SHA-256(token)>}: one run per distinct token. */
    public static String forRunNow(String schedule, String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return schedule + "-now-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
