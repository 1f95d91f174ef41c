package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** The BenchmarkRun a schedule creates at each tick. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunTemplate {
    @JsonPropertyDescription("Labels copied onto every run (the schedule adds mapbench.io/schedule).")
    private Map<String, String> labels;

    @JsonPropertyDescription("Annotations copied onto every run.")
    private Map<String, String> annotations;

    @JsonPropertyDescription("The spec of every run; spec.baseline is set by the schedule from its own spec.baseline.")
    @Required
    @ValidationRule(value = "!has(self.baseline)",
    message = "spec.template.spec.baseline is set by the schedule: use spec.baseline of the BenchmarkSchedule")
    private BenchmarkRunSpec spec;

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public BenchmarkRunSpec getSpec() {
        return spec;
    }

    public void setSpec(BenchmarkRunSpec spec) {
        this.spec = spec;
    }
}
