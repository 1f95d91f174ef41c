package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** Which Ready MemberClusters may run the benchmark; both filters apply when both are set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.failover) || !has(self.clusters)",
        message = "spec.placement.failover cannot be combined with spec.placement.clusters: a run on named clusters has"
                + " no other cluster to move to; select clusters with spec.placement.clusterSelector instead")
public class PlacementSpec {
    @JsonPropertyDescription("Label selector over MemberCluster metadata.labels, e.g. mapbench.io/tier: edge. Empty or"
            + " unset: every Ready cluster.")
    @SchemaFrom(type = ClusterSelectorSchema.class)
    private LabelSelector clusterSelector;

    @JsonPropertyDescription("MemberCluster names the run must use (all of them, or the run waits).")
    @Size(min = 1, max = 50)
    @ItemSchema(pattern = Vocabulary.DNS_SUBDOMAIN_PATTERN, maxLength = Vocabulary.DNS_SUBDOMAIN_MAX_LENGTH)
    private List<String> clusters;

    @JsonPropertyDescription("At most this many clusters run the benchmark (first matching Ready clusters with free capacity).")
    @Min(1)
    @Max(50)
    private Integer maxClusters;

    @JsonPropertyDescription("Re-dispatch of jobs lost on an unreachable cluster to another matching cluster. Unset: a"
            + " lost job stays Lost and the run ends PartiallySucceeded or Failed. Not with spec.placement.clusters.")
    private FailoverSpec failover;

    public LabelSelector getClusterSelector() {
        return clusterSelector;
    }

    public void setClusterSelector(LabelSelector clusterSelector) {
        this.clusterSelector = clusterSelector;
    }

    public List<String> getClusters() {
        return clusters;
    }

    public void setClusters(List<String> clusters) {
        this.clusters = clusters;
    }

    public Integer getMaxClusters() {
        return maxClusters;
    }

    public void setMaxClusters(Integer maxClusters) {
        this.maxClusters = maxClusters;
    }

    public FailoverSpec getFailover() {
        return failover;
    }

    public void setFailover(FailoverSpec failover) {
        this.failover = failover;
    }
}
