package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** A claim of the seed experiments and its verdict in each environment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClaimStatus {
    @JsonPropertyDescription("Claim identifier from the workload catalog.")
    private String id;

    @JsonPropertyDescription("The claim in words.")
    private String statement;

    @JsonPropertyDescription("Verdict per (cluster, Go version).")
    private List<ClaimResult> results = new ArrayList<>();

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getStatement() {
        return statement;
    }

    public void setStatement(String statement) {
        this.statement = statement;
    }

    public List<ClaimResult> getResults() {
        return results;
    }

    public void setResults(List<ClaimResult> results) {
        this.results = results;
    }
}
