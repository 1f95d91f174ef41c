package io.mapbench.operator.policy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.NodeInfo;
import io.mapbench.operator.work.WorkEstimate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The facts of the policy input that come from the hub's objects (policies/README.md): the
 * proposed clusters from their MemberClusters, the namespace's labels and active-run count, the
 * work estimate. Pure: the caller reads the objects (from caches) and passes them in.
 */
public final class AdmissionFacts {
    private AdmissionFacts() {
    }

    /**
     * The proposed clusters, in proposal order. A MemberCluster without the tier label gets tier
     * "" so the policy's cluster-tier rule denies it (fail closed) instead of guessing a tier.
     */
    public static List<AdmissionInput.Cluster> clusters(List<String> proposed, Collection<MemberCluster> members) {
        return proposed.stream().map(name -> {
            MemberCluster mc = members.stream().filter(c -> name.equals(c.getMetadata().getName())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("proposed cluster " + name
                            + " is not a known MemberCluster"));
            Map<String, String> labels = mc.getMetadata().getLabels() == null ? Map.of() : mc.getMetadata().getLabels();
            List<NodeInfo> nodes = mc.getStatus() == null || mc.getStatus().getNodes() == null ? List.of()
                    : mc.getStatus().getNodes();
            long cpuMillis = nodes.stream().map(NodeInfo::getAllocatableCpu).filter(Objects::nonNull)
                    .mapToLong(q -> AdmissionInput.cpuMillis(new Quantity(q))).sum();
            long memoryBytes = nodes.stream().map(NodeInfo::getAllocatableMemory).filter(Objects::nonNull)
                    .mapToLong(q -> AdmissionInput.memoryBytes(new Quantity(q))).sum();
            return new AdmissionInput.Cluster(name, labels.getOrDefault(MemberCluster.TIER_LABEL, ""), labels,
                    cpuMillis, memoryBytes, nodes.size());
        }).toList();
    }

    /**
     * The run's namespace: {@code namespace} may be null (not in the cache: no labels);
     * activeRuns counts the namespace's other runs that are admitted (assignment stored) and not
     * finished.
     */
    public static AdmissionInput.Namespace namespace(BenchmarkRun run, Namespace namespace,
            Collection<BenchmarkRun> runs) {
        String ns = run.getMetadata().getNamespace();
        int active = (int) runs.stream()
                .filter(o -> ns.equals(o.getMetadata().getNamespace()))
                .filter(o -> !Objects.equals(o.getMetadata().getUid(), run.getMetadata().getUid()))
                .filter(o -> o.getStatus() != null && o.getStatus().getAssignment() != null)
                .filter(o -> o.getStatus().getPhase() == null || !o.getStatus().getPhase().isFinished())
                .count();
        Map<String, String> labels = namespace == null || namespace.getMetadata().getLabels() == null ? Map.of()
                : namespace.getMetadata().getLabels();
        return new AdmissionInput.Namespace(ns, labels, active);
    }

    public static AdmissionInput.WorkEstimate estimate(WorkEstimate estimate) {
        return new AdmissionInput.WorkEstimate(estimate.benchmarks(), estimate.largestSize(), estimate.cpuSeconds());
    }
}
