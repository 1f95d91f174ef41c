package io.mapbench.operator.dependent;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import java.util.LinkedHashMap;
import java.util.Map;

/** Human-facing annotations on remote objects: where they came from, without label length limits. */
public final class RemoteAnnotations {
    public static final String RUN = "mapbench.io/run";
    public static final String CLUSTER = "mapbench.io/cluster";
    /** On Jobs: the run's spec as JSON, what the pod was dispatched from (for humans in the member). */
    public static final String RUN_SPEC = "mapbench.io/run-spec";

    private RemoteAnnotations() {
    }

    public static Map<String, String> of(BenchmarkRun run, String cluster) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(RUN, run.getMetadata().getNamespace() + "/" + run.getMetadata().getName());
        annotations.put(CLUSTER, cluster);
        return annotations;
    }
}
