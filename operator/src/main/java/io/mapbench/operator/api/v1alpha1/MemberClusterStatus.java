package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What the last probe of the member found. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MemberClusterStatus {
    @JsonPropertyDescription("The metadata.generation this status was computed from.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready (reasons ProbeSucceeded, Unreachable, Unauthorized, Forbidden, TLSError, CachesNotSynced, SecretNotFound,"
            + " InvalidKubeconfig). True only when the member answers, grants every permission the operator needs and"
            + " its Job/Pod caches are synced. Degraded (reasons SlowLink, IntermittentProbeFailures; False: LinkHealthy): a Ready"
            + " member whose probes are slow or fail now and then over mapbench.member.degraded-window; it still gets runs.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Kubernetes version the member's API server reports, e.g. v1.35.0+k3s1.")
    private String kubernetesVersion;

    @JsonPropertyDescription("Distribution detected from versions: k3s or kubernetes.")
    private String distribution;

    @JsonPropertyDescription("Distinct node architectures (kubernetes.io/arch), e.g. [amd64] or [arm64].")
    private List<String> architectures = new ArrayList<>();

    @JsonPropertyDescription("Nodes of the member with their architecture and edge marking.")
    private List<NodeInfo> nodes = new ArrayList<>();

    @JsonPropertyDescription("When a probe last wrote this status (RFC 3339). Probes run every mapbench.member.probe-period but"
            + " write only on change, or at most every mapbench.member.status-refresh to show they still run.")
    private String lastProbeTime;

    @JsonPropertyDescription("Probes that failed in a row when status was last written; reset by a successful probe.")
    private Integer consecutiveFailures;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getKubernetesVersion() {
        return kubernetesVersion;
    }

    public void setKubernetesVersion(String kubernetesVersion) {
        this.kubernetesVersion = kubernetesVersion;
    }

    public String getDistribution() {
        return distribution;
    }

    public void setDistribution(String distribution) {
        this.distribution = distribution;
    }

    public List<String> getArchitectures() {
        return architectures;
    }

    public void setArchitectures(List<String> architectures) {
        this.architectures = architectures;
    }

    public List<NodeInfo> getNodes() {
        return nodes;
    }

    public void setNodes(List<NodeInfo> nodes) {
        this.nodes = nodes;
    }

    public String getLastProbeTime() {
        return lastProbeTime;
    }

    public void setLastProbeTime(String lastProbeTime) {
        this.lastProbeTime = lastProbeTime;
    }

    public Integer getConsecutiveFailures() {
        return consecutiveFailures;
    }

    public void setConsecutiveFailures(Integer consecutiveFailures) {
        this.consecutiveFailures = consecutiveFailures;
    }
}
