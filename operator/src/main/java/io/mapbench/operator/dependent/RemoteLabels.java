package io.mapbench.operator.dependent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels on every object a run creates (docs/CONVENTIONS.md §8): the app.kubernetes.io set, which informers
 * filter on ({@code managed-by}), plus the run's identity so remote events map back to the run
 * and the member probe can garbage-collect objects of runs that no longer exist.
 */
public final class RemoteLabels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String RUN_UID = "mapbench.io/run-uid";
    public static final String RUN_NAME = "mapbench.io/run-name";
    public static final String RUN_NAMESPACE = "mapbench.io/run-namespace";
    public static final String HUB = "mapbench.io/hub";
    public static final String CLUSTER = "mapbench.io/cluster";
    public static final String GO_VERSION = "mapbench.io/go-version";

    public static final String APP_NAME = "mapbench";
    public static final String MANAGED_BY_VALUE = "mapbench-operator";

    /** app.kubernetes.io/component values. */
    public static final String COMPONENT_BENCHMARK = "benchmark";
    public static final String COMPONENT_DISRUPTION_BUDGET = "disruption-budget";
    public static final String COMPONENT_RESULT = "result";

    private RemoteLabels() {
    }

    /** Labels of an object of one run in one cluster; {@code goVersion} null for per-cluster objects (PDB). */
    public static Map<String, String> of(RunRef run, String component, String cluster, String goVersion) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP_NAME);
        labels.put(INSTANCE, run.name());
        labels.put(COMPONENT, component);
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        labels.put(RUN_UID, run.uid());
        labels.put(RUN_NAME, run.name());
        labels.put(RUN_NAMESPACE, run.namespace());
        labels.put(HUB, run.hub());
        // MemberCluster names are DNS subdomains (up to 253 characters); a label value holds 63.
        if (cluster != null && cluster.length() <= RemoteNames.MAX_LENGTH) {
            labels.put(CLUSTER, cluster);
        }
        if (goVersion != null) {
            labels.put(GO_VERSION, goVersion);
        }
        return labels;
    }

    /** The selector of a run's benchmark pods in one cluster (what its PodDisruptionBudget protects). */
    public static Map<String, String> benchmarkPodSelector(RunRef run) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(RUN_UID, run.uid());
        selector.put(COMPONENT, COMPONENT_BENCHMARK);
        selector.put(HUB, run.hub());
        return selector;
    }
}
