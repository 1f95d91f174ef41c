package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One violated policy rule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyViolation {
    @JsonPropertyDescription("Identifier of the rule, e.g. size-cap (the rule label of mapbench_policy_denials_total).")
    private String rule;

    @JsonPropertyDescription("The field to change, e.g. spec.matrix.sizes or spec.resources.limits.cpu.")
    private String field;

    @JsonPropertyDescription("What is wrong and what to change.")
    private String message;

    public PolicyViolation() {
    }

    public PolicyViolation(String rule, String message) {
        this.rule = rule;
        this.message = message;
    }

    public PolicyViolation(String rule, String field, String message) {
        this.rule = rule;
        this.field = field;
        this.message = message;
    }

    public String getRule() {
        return rule;
    }

    public void setRule(String rule) {
        this.rule = rule;
    }

    public String getField() {
        return field;
    }

    public void setField(String field) {
        this.field = field;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
