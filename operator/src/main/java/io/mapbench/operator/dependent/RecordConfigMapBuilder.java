package io.mapbench.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's record ConfigMap beside each Job: a copy for humans looking at the member cluster
 * (which run, which spec, what exactly the pod was told). Not mounted: the Job's args are the
 * contract.
 */
public final class RecordConfigMapBuilder {
    public static final String KEY_SPEC = "spec.json";
    public static final String KEY_ARGS = "args";
    public static final String KEY_IMAGE = "image";
    public static final String KEY_RUN = "run";
    public static final String KEY_CLUSTER = "cluster";
    public static final String KEY_GO_VERSION = "goVersion";

    private RecordConfigMapBuilder() {
    }

    public static ConfigMap build(BenchmarkRun run, MemberCluster cluster, String goVersion, DispatchSettings settings) {
        RunRef ref = RunRef.of(settings.hub(), run);
        String clusterName = cluster.getMetadata().getName();
        Map<String, String> data = new LinkedHashMap<>();
        data.put(KEY_RUN, run.getMetadata().getNamespace() + "/" + run.getMetadata().getName());
        data.put(KEY_CLUSTER, clusterName);
        data.put(KEY_GO_VERSION, goVersion);
        data.put(KEY_IMAGE, WorkloadJobBuilder.image(run.getSpec(), settings, goVersion));
        data.put(KEY_ARGS, String.join("\n", WorkloadArgs.of(run.getSpec(), WorkloadJobBuilder.TERMINATION_LOG)) + "\n");
        data.put(KEY_SPEC, Serialization.asJson(run.getSpec()));
        return new ConfigMapBuilder()
                .withNewMetadata()
                    .withName(RemoteNames.configMapName(ref, clusterName, goVersion))
                    .withNamespace(WorkloadJobBuilder.namespace(cluster))
                    .withLabels(RemoteLabels.of(ref, RemoteLabels.COMPONENT_RECORD, clusterName, goVersion))
                    .withAnnotations(RemoteAnnotations.of(run, clusterName))
                .endMetadata()
                .withData(data)
                .build();
    }
}
