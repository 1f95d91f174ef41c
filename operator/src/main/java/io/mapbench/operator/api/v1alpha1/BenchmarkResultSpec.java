package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Identity and environment of one result (typed, printed, selectable by tools) plus the
 * workload's full mapbench.io/result/v1 document, validated by the operator against the
 * workload's JSON Schema before it is stored here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.run == oldSelf.run && self.cluster == oldSelf.cluster && self.goVersion == oldSelf.goVersion",
        message = "a BenchmarkResult is a record: spec.run, spec.cluster and spec.goVersion cannot change")
public class BenchmarkResultSpec {
    @Required
    @JsonPropertyDescription("Name of the BenchmarkRun (same namespace) that produced this result.")
    @Size(min = 1, max = 253)
    private String run;

    @JsonPropertyDescription("UID of that BenchmarkRun, so a result of a deleted and re-created run is told apart.")
    @Size(max = 64)
    private String runUid;

    @Required
    @JsonPropertyDescription("MemberCluster the job ran in.")
    @Size(min = 1, max = Vocabulary.DNS_SUBDOMAIN_MAX_LENGTH)
    private String cluster;

    @Required
    @JsonPropertyDescription("Go toolchain of the workload binary, 1.N.P.")
    @Pattern("^1\\.[0-9]+\\.[0-9]+$")
    @Size(max = Vocabulary.GO_VERSION_MAX_LENGTH)
    private String goVersion;

    @Required
    @JsonPropertyDescription("GOARCH the workload reported (what the binary was built for).")
    @Size(min = 1, max = 32)
    private String arch;

    @JsonPropertyDescription("kubernetes.io/arch of the node the pod ran on; differs from arch only under emulation.")
    @Size(max = 32)
    private String nodeArch;

    @JsonPropertyDescription("Node the pod ran on.")
    @Size(max = Vocabulary.DNS_SUBDOMAIN_MAX_LENGTH)
    private String node;

    @Required
    @JsonPropertyDescription("Map implementation of that Go runtime: classic or swiss.")
    private MapImpl mapImpl;

    @JsonPropertyDescription("CPU model the workload reported.")
    @Size(max = 256)
    private String cpuModel;

    @JsonPropertyDescription("Emulator the workload ran under (e.g. qemu-aarch64), empty when native: emulated timings"
            + " are not comparable with native ones.")
    @Size(max = 128)
    private String emulation;

    @Required
    @JsonPropertyDescription("The workload's mapbench.io/result/v1 document (environment, benchmarks with samples and"
            + " statistics, observations, skipped combinations, claim verdicts, escape-analysis facts); at most 1 MiB."
            + " Its JSON Schema is workload/schema/result-v1.schema.json.")
    @PreserveUnknownFields
    private JsonNode result;

    @JsonPropertyDescription("This result compared with its baseline result (same cluster and Go version), written when"
            + " the run finishes if the run has spec.baseline.")
    private ResultComparison comparison;

    public String getRun() {
        return run;
    }

    public void setRun(String run) {
        this.run = run;
    }

    public String getRunUid() {
        return runUid;
    }

    public void setRunUid(String runUid) {
        this.runUid = runUid;
    }

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

    public String getArch() {
        return arch;
    }

    public void setArch(String arch) {
        this.arch = arch;
    }

    public String getNodeArch() {
        return nodeArch;
    }

    public void setNodeArch(String nodeArch) {
        this.nodeArch = nodeArch;
    }

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }

    public MapImpl getMapImpl() {
        return mapImpl;
    }

    public void setMapImpl(MapImpl mapImpl) {
        this.mapImpl = mapImpl;
    }

    public String getCpuModel() {
        return cpuModel;
    }

    public void setCpuModel(String cpuModel) {
        this.cpuModel = cpuModel;
    }

    public String getEmulation() {
        return emulation;
    }

    public void setEmulation(String emulation) {
        this.emulation = emulation;
    }

    public JsonNode getResult() {
        return result;
    }

    public void setResult(JsonNode result) {
        this.result = result;
    }

    public ResultComparison getComparison() {
        return comparison;
    }

    public void setComparison(ResultComparison comparison) {
        this.comparison = comparison;
    }
}
