package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Protection of a run's pods against voluntary disruption. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DisruptionSpec {
    @JsonPropertyDescription("Protect (default): one PodDisruptionBudget per run and cluster with integer minAvailable ="
            + " the run's pods there, so drains cannot evict running benchmarks. Allow: no budget.")
    @Default("Protect")
    private DisruptionPolicy policy;

    public DisruptionPolicy getPolicy() {
        return policy;
    }

    public void setPolicy(DisruptionPolicy policy) {
        this.policy = policy;
    }
}
