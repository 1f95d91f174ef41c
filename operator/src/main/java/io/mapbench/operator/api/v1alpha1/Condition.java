package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A status condition in the shape of metav1.Condition (what kubectl and tools expect). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
    @Required
    @JsonPropertyDescription("Type of condition in CamelCase: Admitted, Scheduled, Completed, Ready or Degraded.")
    private String type;

    @Required
    @JsonPropertyDescription("Status of the condition: True, False or Unknown.")
    private ConditionStatus status;

    @JsonPropertyDescription("The metadata.generation of the object this condition was computed from.")
    private Long observedGeneration;

    @Required
    @JsonPropertyDescription("Last time the condition changed status (RFC 3339).")
    private String lastTransitionTime;

    @Required
    @JsonPropertyDescription("Machine-readable CamelCase reason for the last transition, e.g. PolicyDenied or WaitingForCapacity.")
    private String reason;

    @JsonPropertyDescription("Human-readable details about the transition.")
    private String message;

    public Condition() {
    }

    public Condition(String type, ConditionStatus status, String reason, String message, Long observedGeneration,
            String lastTransitionTime) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
        this.observedGeneration = observedGeneration;
        this.lastTransitionTime = lastTransitionTime;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public ConditionStatus getStatus() {
        return status;
    }

    public void setStatus(ConditionStatus status) {
        this.status = status;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
