package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Requests and limits of workload pods; equal, so the pods get Guaranteed QoS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.requests == self.limits",
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
