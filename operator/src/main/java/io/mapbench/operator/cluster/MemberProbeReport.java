package io.mapbench.operator.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.mapbench.operator.api.v1alpha1.MemberClusterStatus;
import io.mapbench.operator.api.v1alpha1.NodeInfo;
import io.mapbench.operator.remote.ClusterProbe;

/**
 * Turns a probe of a member (version + nodes) into MemberCluster status fields. Pure: K3s is
 * recognised by the "+k3s" build suffix in the API server's gitVersion or in any node's kubelet
 * version (K3s embeds both), edge nodes by the node-role.kubernetes.io/edge label.
 */
public final class MemberProbeReport {
    public static final String DISTRIBUTION_K3S = "k3s";
    public static final String DISTRIBUTION_KUBERNETES = "kubernetes";
    static final String ARCH_LABEL = "kubernetes.io/arch";
    static final String EDGE_ROLE_LABEL = "node-role.kubernetes.io/edge";

    private MemberProbeReport() {
    }

    /** Writes version, distribution, architectures and nodes of the probe into status. */
    public static void fill(MemberClusterStatus status, ClusterProbe probe) {
        status.setKubernetesVersion(probe.gitVersion());
        List<NodeInfo> nodes = probe.nodes().stream().map(MemberProbeReport::nodeInfo)
                .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
        status.setNodes(new ArrayList<>(nodes));
        status.setArchitectures(new ArrayList<>(new TreeSet<>(nodes.stream().map(NodeInfo::getArch)
                .filter(Objects::nonNull).toList())));
        status.setDistribution(isK3s(probe) ? DISTRIBUTION_K3S : DISTRIBUTION_KUBERNETES);
    }

    static boolean isK3s(ClusterProbe probe) {
        if (probe.gitVersion() != null && probe.gitVersion().contains("+k3s")) {
            return true;
        }
        return probe.nodes().stream().map(n -> n.getStatus() == null || n.getStatus().getNodeInfo() == null ? null
                : n.getStatus().getNodeInfo().getKubeletVersion())
                .anyMatch(v -> v != null && v.contains("+k3s"));
    }

    static NodeInfo nodeInfo(Node node) {
        NodeInfo info = new NodeInfo();
        info.setName(node.getMetadata().getName());
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        info.setArch(labels.get(ARCH_LABEL));
        info.setEdge(labels.containsKey(EDGE_ROLE_LABEL));
        List<String> taints = new ArrayList<>();
        if (node.getSpec() != null && node.getSpec().getTaints() != null) {
            for (Taint t : node.getSpec().getTaints()) {
                taints.add(t.getKey() + (t.getValue() == null || t.getValue().isEmpty() ? "" : "=" + t.getValue())
                        + ":" + t.getEffect());
            }
        }
        info.setTaints(taints);
        if (node.getStatus() != null) {
            if (node.getStatus().getNodeInfo() != null) {
                info.setKubeletVersion(node.getStatus().getNodeInfo().getKubeletVersion());
                if (info.getArch() == null) {
                    info.setArch(node.getStatus().getNodeInfo().getArchitecture());
                }
            }
            Map<String, io.fabric8.kubernetes.api.model.Quantity> alloc = node.getStatus().getAllocatable();
            if (alloc != null) {
                info.setAllocatableCpu(alloc.get("cpu") == null ? null : alloc.get("cpu").toString());
                info.setAllocatableMemory(alloc.get("memory") == null ? null : alloc.get("memory").toString());
            }
            List<NodeCondition> conditions = node.getStatus().getConditions();
            info.setReady(conditions != null && conditions.stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        }
        return info;
    }
}
