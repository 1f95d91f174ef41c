package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** How the hub reaches a member and how benchmark pods are placed there. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.kubeconfigSecretRef) != (has(self.inCluster) && self.inCluster)",
        message = "set exactly one of spec.kubeconfigSecretRef (a Secret in the operator namespace) or spec.inCluster: true")
public class MemberClusterSpec {
    @JsonPropertyDescription("Secret in the operator's namespace holding a kubeconfig with embedded credentials (a token or"
            + " client certificate; exec plugins, auth-provider commands and file references are rejected).")
    private SecretKeyRef kubeconfigSecretRef;

    @JsonPropertyDescription("true: the member is the hub cluster itself, reached with the operator's own service account.")
    private Boolean inCluster;

    @JsonPropertyDescription("Namespace in the member where benchmark Jobs, pods and budgets are created."
            + " Default mapbench-workloads.")
    @Default("mapbench-workloads")
    @Pattern(Vocabulary.DNS_LABEL_PATTERN)
    @Size(max = Vocabulary.DNS_LABEL_MAX_LENGTH)
    private String namespace;

    @JsonPropertyDescription("Tolerations added to benchmark pods, e.g. for tainted edge nodes (mapbench.io/edge=true:NoSchedule).")
    @SchemaFrom(type = TolerationSchema[].class)
    private List<Toleration> tolerations;

    @JsonPropertyDescription("Node labels benchmark pods must match, e.g. node-role.kubernetes.io/edge: \"\".")
    @ItemSchema(pattern = Vocabulary.LABEL_VALUE_PATTERN, maxLength = Vocabulary.LABEL_VALUE_MAX_LENGTH)
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("How many runs may have pods in this cluster at once (first come, first served). Default 1.")
    @Default("1")
    @Min(1)
    @Max(100)
    private Integer maxConcurrentRuns;

    public SecretKeyRef getKubeconfigSecretRef() {
        return kubeconfigSecretRef;
    }

    public void setKubeconfigSecretRef(SecretKeyRef kubeconfigSecretRef) {
        this.kubeconfigSecretRef = kubeconfigSecretRef;
    }

    public Boolean getInCluster() {
        return inCluster;
    }

    public void setInCluster(Boolean inCluster) {
        this.inCluster = inCluster;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public Integer getMaxConcurrentRuns() {
        return maxConcurrentRuns;
    }

    public void setMaxConcurrentRuns(Integer maxConcurrentRuns) {
        this.maxConcurrentRuns = maxConcurrentRuns;
    }
}
