package io.mapbench.operator.dependent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Deterministic names of the objects a run creates. Every name is at most 63 characters (Job names
 * become label values) and ends with a hash of everything that identifies the object (hub, run
 * namespace, name and UID, cluster, Go version): runs from different namespaces or hubs sharing a
 * member's workload namespace never collide, a re-created run gets new names, and the same run
 * always gets the same names, across operator restarts too.
 */
public final class RemoteNames {
    /** Kubernetes label values and DNS labels: at most 63 characters. */
    public static final int MAX_LENGTH = 63;
    private static final int HASH_LENGTH = 8;
    private static final String PREFIX = "mb-";
    private static final Pattern NOT_DNS = Pattern.compile("[^a-z0-9-]");
    private static final Pattern TRAILING_DASHES = Pattern.compile("-+$");

    private RemoteNames() {
    }

    /** The Job of one (cluster, Go version) of a run. */
    public static String jobName(RunRef run, String cluster, String goVersion) {
        return name(PREFIX + run.name() + "-go" + goVersion.replace('.', '-'),
                run.hub(), run.namespace(), run.name(), run.uid(), cluster, goVersion);
    }

    /** The PodDisruptionBudget of a run in one cluster. */
    public static String disruptionBudgetName(RunRef run, String cluster) {
        return name(PREFIX + run.name() + "-pdb", run.hub(), run.namespace(), run.name(), run.uid(), cluster);
    }

    /** The BenchmarkResult (hub, run's namespace) of one (cluster, Go version). */
    public static String resultName(RunRef run, String cluster, String goVersion) {
        return name(run.name() + "-" + cluster + "-go" + goVersion.replace('.', '-'),
                run.hub(), run.namespace(), run.name(), run.uid(), cluster, goVersion);
    }

    /**
     * {@code readable} cut so that "-" + hash fits in 63 characters, lower-cased and reduced to
     * DNS-label characters, never ending in '-'.
     */
    static String name(String readable, String... identity) {
        String clean = NOT_DNS.matcher(readable.toLowerCase()).replaceAll("-");
        int room = MAX_LENGTH - HASH_LENGTH - 1;
        if (clean.length() > room) {
            clean = clean.substring(0, room);
        }
        clean = TRAILING_DASHES.matcher(clean).replaceAll("");
        return clean + "-" + hash(identity);
    }

    static String hash(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0); // separator: ("ab","c") and ("a","bc") differ
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
