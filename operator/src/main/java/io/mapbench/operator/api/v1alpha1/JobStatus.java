package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Observed state of one (cluster, Go version) job of a run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JobStatus {
    @JsonPropertyDescription("MemberCluster name.")
    private String cluster;

    @JsonPropertyDescription("Resolved Go version, 1.N.P.")
    private String goVersion;

    @JsonPropertyDescription("Pending, Running, Succeeded, Failed, TimedOut or Lost (cluster unreachable past the deadline).")
    private JobPhase phase;

    @JsonPropertyDescription("Name of the Job in the member cluster's workload namespace.")
    private String jobName;

    @JsonPropertyDescription("UID of the remote Job (unchanged across operator restarts).")
    private String jobUid;

    @JsonPropertyDescription("Node the benchmark pod ran on.")
    private String node;

    @JsonPropertyDescription("Architecture label of that node (kubernetes.io/arch).")
    private String nodeArch;

    @JsonPropertyDescription("GOARCH the workload reported (differs from nodeArch under emulation).")
    private String arch;

    @JsonPropertyDescription("Pods started for this job so far.")
    private Integer attempts;

    @JsonPropertyDescription("When the job's first pod started (RFC 3339).")
    private String startTime;

    @JsonPropertyDescription("When the job finished (RFC 3339).")
    private String completionTime;

    @JsonPropertyDescription("Why the job is in this phase, CamelCase: e.g. JobFailed, JobTimedOut, ClusterLost,"
            + " InvalidResult (the pod's output is not a valid result document) or ResultUnavailable (the result could"
            + " not be read: pod gone or log unreadable after bounded attempts).")
    private String reason;

    @JsonPropertyDescription("Why the job is in this phase, e.g. the workload's termination message on failure.")
    private String message;

    @JsonPropertyDescription("Name of the BenchmarkResult created from this job's result document.")
    private String resultName;

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

    public JobPhase getPhase() {
        return phase;
    }

    public void setPhase(JobPhase phase) {
        this.phase = phase;
    }

    public String getJobName() {
        return jobName;
    }

    public void setJobName(String jobName) {
        this.jobName = jobName;
    }

    public String getJobUid() {
        return jobUid;
    }

    public void setJobUid(String jobUid) {
        this.jobUid = jobUid;
    }

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }

    public String getNodeArch() {
        return nodeArch;
    }

    public void setNodeArch(String nodeArch) {
        this.nodeArch = nodeArch;
    }

    public String getArch() {
        return arch;
    }

    public void setArch(String arch) {
        this.arch = arch;
    }

    public Integer getAttempts() {
        return attempts;
    }

    public void setAttempts(Integer attempts) {
        this.attempts = attempts;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
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

    public String getResultName() {
        return resultName;
    }

    public void setResultName(String resultName) {
        this.resultName = resultName;
    }
}
