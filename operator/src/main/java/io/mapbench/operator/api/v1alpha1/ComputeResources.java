package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;

/** CPU and memory quantities, both required (a benchmark pod without either is not Guaranteed). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "isQuantity(string(self.cpu)) && isQuantity(string(self.memory))",
        message = "cpu and memory must be Kubernetes quantities such as 1, 500m, 512Mi or 2Gi")
public class ComputeResources {
    @Required
    @Pattern(Vocabulary.QUANTITY_PATTERN)
    @Size(max = Vocabulary.QUANTITY_MAX_LENGTH)
    @JsonPropertyDescription("CPU quantity, e.g. 1 or 2000m; whole CPUs keep benchmarks from sharing cores.")
    private Quantity cpu;

    @Required
    @Pattern(Vocabulary.QUANTITY_PATTERN)
    @Size(max = Vocabulary.QUANTITY_MAX_LENGTH)
    @JsonPropertyDescription("Memory quantity, e.g. 512Mi; GOMEMLIMIT is derived from it.")
    private Quantity memory;

    public Quantity getCpu() {
        return cpu;
    }

    public void setCpu(Quantity cpu) {
        this.cpu = cpu;
    }

    public Quantity getMemory() {
        return memory;
    }

    public void setMemory(Quantity memory) {
        this.memory = memory;
    }
}
