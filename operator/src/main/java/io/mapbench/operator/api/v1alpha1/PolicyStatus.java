package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The admission policy's verdict on a run's proposed placement. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyStatus {
    @JsonPropertyDescription("Allowed, Denied, Unavailable (policy missing or broken: fail closed) or Disabled"
            + " (mapbench.policy.enabled=false).")
    private PolicyDecision decision;

    @JsonPropertyDescription("Every rule the run violates, each saying what to change.")
    private List<PolicyViolation> violations = new ArrayList<>();

    @JsonPropertyDescription("Revision of the policy bundle that made the decision (ConfigMap resourceVersion or bundle revision).")
    private String revision;

    @JsonPropertyDescription("When the decision was made (RFC 3339).")
    private String evaluatedAt;

    public PolicyDecision getDecision() {
        return decision;
    }

    public void setDecision(PolicyDecision decision) {
        this.decision = decision;
    }

    public List<PolicyViolation> getViolations() {
        return violations;
    }

    public void setViolations(List<PolicyViolation> violations) {
        this.violations = violations;
    }

    public String getRevision() {
        return revision;
    }

    public void setRevision(String revision) {
        this.revision = revision;
    }

    public String getEvaluatedAt() {
        return evaluatedAt;
    }

    public void setEvaluatedAt(String evaluatedAt) {
        this.evaluatedAt = evaluatedAt;
    }
}
