package io.mapbench.operator.execution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed reads of one job's result, so an unreadable log ends the job (ResultUnavailable) after a
 * bounded number of attempts instead of keeping it Running for ever. Kept in memory: an operator
 * restart starts counting again, which is bounded too. Entries leave when the job's result is in
 * or given up, so the map holds only jobs being collected right now.
 */
final class ResultAttempts {
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final int max;

    ResultAttempts(int max) {
        this.max = max;
    }

    /** Records one more failure; true when that was the last allowed one. */
    boolean failedAndExhausted(String runUid, String cluster, String goVersion) {
        int n = failures.merge(key(runUid, cluster, goVersion), 1, Integer::sum);
        if (n >= max) {
            forget(runUid, cluster, goVersion);
            return true;
        }
        return false;
    }

    int failures(String runUid, String cluster, String goVersion) {
        return failures.getOrDefault(key(runUid, cluster, goVersion), 0);
    }

    void forget(String runUid, String cluster, String goVersion) {
        failures.remove(key(runUid, cluster, goVersion));
    }

    /** A deleted run's entries. */
    void forgetRun(String runUid) {
        failures.keySet().removeIf(k -> k.startsWith(runUid + "/"));
    }

    int max() {
        return max;
    }

    private static String key(String runUid, String cluster, String goVersion) {
        return runUid + "/" + cluster + "/" + goVersion;
    }
}
