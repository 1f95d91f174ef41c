package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The admitted placement; stored once, so restarts and re-reconciles never reshuffle it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Assignment {
    @JsonPropertyDescription("MemberCluster names the run was placed on.")
    private List<String> clusters = new ArrayList<>();

    @JsonPropertyDescription("Go versions resolved to 1.N.P releases from workload/go-versions.txt.")
    private List<String> goVersions = new ArrayList<>();

    @JsonPropertyDescription("When the assignment was admitted (RFC 3339).")
    private String admittedAt;

    public List<String> getClusters() {
        return clusters;
    }

    public void setClusters(List<String> clusters) {
        this.clusters = clusters;
    }

    public List<String> getGoVersions() {
        return goVersions;
    }

    public void setGoVersions(List<String> goVersions) {
        this.goVersions = goVersions;
    }

    public String getAdmittedAt() {
        return admittedAt;
    }

    public void setAdmittedAt(String admittedAt) {
        this.admittedAt = admittedAt;
    }
}
