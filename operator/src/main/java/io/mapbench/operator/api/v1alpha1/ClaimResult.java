package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The verdict of one claim in one environment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClaimResult {
    @JsonPropertyDescription("MemberCluster name.")
    private String cluster;

    @JsonPropertyDescription("Go version, 1.N.P.")
    private String goVersion;

    @JsonPropertyDescription("Verdict reported by the workload: confirmed, partly (true with the qualification its reason states),"
            + " refuted, inconclusive or not-applicable.")
    private String verdict;

    @JsonPropertyDescription("The measured figure behind the verdict, in words with units.")
    private String measured;

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    public String getGoVersion() {
        return goVersion;
    }

    public void setGoVersion(String goVersion) {
        this.goVersion = goVersion;
    }

    public String getVerdict() {
        return verdict;
    }

    public void setVerdict(String verdict) {
        this.verdict = verdict;
    }

    public String getMeasured() {
        return measured;
    }

    public void setMeasured(String measured) {
        this.measured = measured;
    }
}
