package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** One node of a member cluster as the probe saw it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeInfo {
    @JsonPropertyDescription("Node name.")
    private String name;

    @JsonPropertyDescription("kubernetes.io/arch label.")
    private String arch;

    @JsonPropertyDescription("Kubelet version, e.g. v1.35.0+k3s1.")
    private String kubeletVersion;

    @JsonPropertyDescription("Whether the node is an edge node (node-role.kubernetes.io/edge label).")
    private Boolean edge;

    @JsonPropertyDescription("Taints as key=value:effect, e.g. mapbench.io/edge=true:NoSchedule.")
    private List<String> taints = new ArrayList<>();

    @JsonPropertyDescription("Allocatable CPU.")
    private String allocatableCpu;

    @JsonPropertyDescription("Allocatable memory.")
    private String allocatableMemory;

    @JsonPropertyDescription("Whether the node's Ready condition is True.")
    private Boolean ready;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getArch() {
        return arch;
    }

    public void setArch(String arch) {
        this.arch = arch;
    }

    public String getKubeletVersion() {
        return kubeletVersion;
    }

    public void setKubeletVersion(String kubeletVersion) {
        this.kubeletVersion = kubeletVersion;
    }

    public Boolean getEdge() {
        return edge;
    }

    public void setEdge(Boolean edge) {
        this.edge = edge;
    }

    public List<String> getTaints() {
        return taints;
    }

    public void setTaints(List<String> taints) {
        this.taints = taints;
    }

    public String getAllocatableCpu() {
        return allocatableCpu;
    }

    public void setAllocatableCpu(String allocatableCpu) {
        this.allocatableCpu = allocatableCpu;
    }

    public String getAllocatableMemory() {
        return allocatableMemory;
    }

    public void setAllocatableMemory(String allocatableMemory) {
        this.allocatableMemory = allocatableMemory;
    }

    public Boolean getReady() {
        return ready;
    }

    public void setReady(Boolean ready) {
        this.ready = ready;
    }
}
