package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Requests and limits of workload pods; equal, so the pods get Guaranteed QoS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Compared as quantities (1 == 1000m, 1Gi == 1024Mi); malformed quantities are ComputeResources' rule to report.
@ValidationRule(value = "![self.requests.cpu, self.requests.memory, self.limits.cpu, self.limits.memory]"
        + ".all(q, isQuantity(string(q)))"
        + " || (quantity(string(self.requests.cpu)).compareTo(quantity(string(self.limits.cpu))) == 0"
        + " && quantity(string(self.requests.memory)).compareTo(quantity(string(self.limits.memory))) == 0)",
        message = "spec.resources: requests must equal limits for both cpu and memory (Guaranteed QoS), e.g."
                + " requests {cpu: 1, memory: 512Mi} and limits {cpu: 1, memory: 512Mi}")
public class ResourcesSpec {
    @Required
    @JsonPropertyDescription("CPU and memory requested by each workload pod; must equal limits.")
    private ComputeResources requests;

    @Required
    @JsonPropertyDescription("CPU and memory limits of each workload pod; must equal requests.")
    private ComputeResources limits;

    public ComputeResources getRequests() {
        return requests;
    }

    public void setRequests(ComputeResources requests) {
        this.requests = requests;
    }

    public ComputeResources getLimits() {
        return limits;
    }

    public void setLimits(ComputeResources limits) {
        this.limits = limits;
    }
}
