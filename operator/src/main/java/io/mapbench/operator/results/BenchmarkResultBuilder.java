package io.mapbench.operator.results;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkResultSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkSchedule;
import io.mapbench.operator.api.v1alpha1.MapImpl;
import io.mapbench.operator.api.v1alpha1.ResultRetention;
import io.mapbench.operator.api.v1alpha1.ScheduleMetadata;
import io.mapbench.operator.dependent.RemoteLabels;
import io.mapbench.operator.dependent.RemoteNames;
import io.mapbench.operator.dependent.RunRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The BenchmarkResult of one (cluster, Go version) job: identity and environment as typed,
 * printable fields, the whole validated document in spec.result. Its name is deterministic, so
 * creating it twice (operator restart between create and status update) conflicts instead of
 * duplicating. Owned by the run unless the run says {@code resultRetention: Retain}; the results of
 * a schedule's run carry the schedule label and are owned by the schedule instead, so its run history
 * limits do not delete the history that comparisons and change points read (the schedule prunes them).
 */
public final class BenchmarkResultBuilder {

    private BenchmarkResultBuilder() {
    }

    /**
     * @param node     node the pod ran on (from the pod; the document's nodeName is the fallback)
     * @param nodeArch kubernetes.io/arch of that node, null when unknown
     */
    public static BenchmarkResult build(String hub, BenchmarkRun run, String cluster, String goVersion, String node,
            String nodeArch, ResultDocument document) {
        RunRef ref = RunRef.of(hub, run);
        ResultDocument.Environment env = document.environment();
        BenchmarkResultSpec spec = new BenchmarkResultSpec();
        spec.setRun(run.getMetadata().getName());
        spec.setRunUid(run.getMetadata().getUid());
        spec.setCluster(cluster);
        spec.setGoVersion(goVersion);
        spec.setArch(env.goarch());
        spec.setNodeArch(nodeArch);
        spec.setNode(node != null ? node : emptyToNull(env.nodeName()));
        spec.setMapImpl(mapImpl(env.mapImpl()));
        spec.setCpuModel(emptyToNull(env.cpuModel()));
        spec.setEmulation(emptyToNull(env.emulation()));
        spec.setResult(document.raw());

        BenchmarkResult result = new BenchmarkResult();
        result.getMetadata().setName(RemoteNames.resultName(ref, cluster, goVersion));
        result.getMetadata().setNamespace(run.getMetadata().getNamespace());
        Map<String, String> labels = new HashMap<>(RemoteLabels.of(ref, RemoteLabels.COMPONENT_RESULT, cluster, goVersion));
        Optional<OwnerReference> schedule = scheduleOf(run);
        schedule.ifPresent(s -> labels.put(ScheduleMetadata.SCHEDULE_LABEL, s.getName()));
        result.getMetadata().setLabels(labels);
        if (run.getSpec().getResultRetention() != ResultRetention.Retain) {
            result.getMetadata().setOwnerReferences(List.of(schedule.orElseGet(() -> new OwnerReferenceBuilder()
                    .withApiVersion(run.getApiVersion())
                    .withKind(run.getKind())
                    .withName(run.getMetadata().getName())
                    .withUid(run.getMetadata().getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build())));
        }
        result.setSpec(spec);
        return result;
    }

    /** The run's owning BenchmarkSchedule, when the run carries the schedule label and is owned by that schedule. */
    private static Optional<OwnerReference> scheduleOf(BenchmarkRun run) {
        Map<String, String> labels = run.getMetadata().getLabels();
        String schedule = labels == null ? null : labels.get(ScheduleMetadata.SCHEDULE_LABEL);
        return schedule == null || run.getMetadata().getOwnerReferences() == null ? Optional.empty()
                : run.getMetadata().getOwnerReferences().stream()
                        .filter(o -> BenchmarkSchedule.KIND.equals(o.getKind()) && schedule.equals(o.getName()))
                        .findFirst()
                        .map(o -> new OwnerReferenceBuilder(o).withController(true).withBlockOwnerDeletion(true).build());
    }

    static MapImpl mapImpl(String value) {
        return switch (value) {
            case "classic" -> MapImpl.CLASSIC;
            case "swiss" -> MapImpl.SWISS;
            default -> throw new ResultDocumentException("environment.mapImpl", "\"" + value + "\" (allowed: classic, swiss)");
        };
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
