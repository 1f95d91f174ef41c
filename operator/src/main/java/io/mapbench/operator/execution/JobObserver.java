package io.mapbench.operator.execution;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.NodeInfo;

/**
 * Reads one (cluster, Go version) job's state from the member's Job and Pods (informer caches).
 * Pure. The Job controller of the member is the authority: Complete means Succeeded (the result
 * still has to be collected), Failed with reason DeadlineExceeded means TimedOut, any other
 * Failed means Failed with the workload's termination message ("error: <field>: <problem>").
 */
final class JobObserver {
    private JobObserver() {
    }

    /**
     * @param previous the job's entry in the old status (carries result name, arch, first start)
     * @param job      the remote Job, empty when not (yet) in the cache
     * @param pods     the Job's pods
     */
    static JobStatus observe(JobStatus previous, Optional<Job> job, List<Pod> pods, MemberCluster cluster) {
        JobStatus s = copy(previous);
        if (job.isEmpty()) {
            s.setPhase(JobPhase.Pending);
            return s;
        }
        Job j = job.get();
        s.setJobName(j.getMetadata().getName());
        s.setJobUid(j.getMetadata().getUid());
        latest(pods).ifPresent(p -> {
            if (p.getSpec() != null && p.getSpec().getNodeName() != null) {
                s.setNode(p.getSpec().getNodeName());
                s.setNodeArch(nodeArch(cluster, p.getSpec().getNodeName()));
            }
        });
        // Attempts and the start count pods that reached a node: a pod the scheduler has not placed
        // yet has not started (and counting it would cost a status write per new Job for nothing).
        List<Pod> started = pods.stream().filter(JobObserver::reachedANode).toList();
        s.setAttempts(started.size());
        if (s.getStartTime() == null && !started.isEmpty()) {
            s.setStartTime(started.stream().map(p -> p.getStatus() == null ? null : p.getStatus().getStartTime())
                    .filter(t -> t != null).min(Comparator.naturalOrder())
                    .orElse(j.getStatus() == null ? null : j.getStatus().getStartTime()));
        }
        Optional<JobCondition> complete = condition(j, "Complete");
        Optional<JobCondition> failed = condition(j, "Failed");
        if (complete.isPresent()) {
            s.setPhase(JobPhase.Succeeded);
            s.setCompletionTime(j.getStatus().getCompletionTime() != null ? j.getStatus().getCompletionTime()
                    : complete.get().getLastTransitionTime());
            s.setMessage(null);
        } else if (failed.isPresent()) {
            JobCondition f = failed.get();
            s.setPhase("DeadlineExceeded".equals(f.getReason()) ? JobPhase.TimedOut : JobPhase.Failed);
            s.setCompletionTime(f.getLastTransitionTime());
            s.setMessage(failureMessage(f, pods));
        } else if (pods.stream().anyMatch(JobObserver::startedOrEnded)) {
            // A pod that ended before the Job controller concluded still means the job ran: Running
            // until the Job says Complete or Failed (Pending would flap back from Running).
            s.setPhase(JobPhase.Running);
        } else {
            s.setPhase(JobPhase.Pending);
        }
        return s;
    }

    private static boolean reachedANode(Pod p) {
        return (p.getSpec() != null && p.getSpec().getNodeName() != null) || startedOrEnded(p);
    }

    private static boolean startedOrEnded(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return "Running".equals(phase) || "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** The pod whose log holds the result: the (latest) succeeded one. */
    static Optional<Pod> succeededPod(List<Pod> pods) {
        return latest(pods.stream().filter(p -> p.getStatus() != null && "Succeeded".equals(p.getStatus().getPhase()))
                .toList());
    }

    /** The workload's termination message of the latest failed pod, else the Job condition's message. */
    static String failureMessage(JobCondition failed, List<Pod> pods) {
        List<Pod> failedPods = pods.stream().filter(p -> p.getStatus() != null && "Failed".equals(p.getStatus().getPhase()))
                .toList();
        Optional<String> workload = latest(failedPods).flatMap(JobObserver::terminationMessage);
        String condition = (failed.getReason() == null ? "" : failed.getReason() + ": ")
                + (failed.getMessage() == null ? "" : failed.getMessage());
        return workload.map(m -> m + " (" + condition.trim() + ")").orElse(condition.trim());
    }

    private static Optional<String> terminationMessage(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        if (statuses == null) {
            return Optional.empty();
        }
        return statuses.stream()
                .map(cs -> cs.getState() == null ? null : cs.getState().getTerminated())
                .filter(t -> t != null)
                .map(JobObserver::describe)
                .findFirst();
    }

    private static String describe(ContainerStateTerminated t) {
        String msg = t.getMessage() == null ? "" : t.getMessage().strip();
        return (msg.isEmpty() ? "workload exited" : msg) + "; exit code " + t.getExitCode();
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }

    private static Optional<Pod> latest(List<Pod> pods) {
        return pods.stream().max(Comparator
                .comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
                .thenComparing(p -> p.getMetadata().getName()));
    }

    static String nodeArch(MemberCluster cluster, String node) {
        if (cluster == null || cluster.getStatus() == null || cluster.getStatus().getNodes() == null) {
            return null;
        }
        return cluster.getStatus().getNodes().stream().filter(n -> node.equals(n.getName()))
                .map(NodeInfo::getArch).findFirst().orElse(null);
    }

    static JobStatus copy(JobStatus p) {
        JobStatus s = new JobStatus();
        s.setCluster(p.getCluster());
        s.setGoVersion(p.getGoVersion());
        s.setPhase(p.getPhase());
        s.setJobName(p.getJobName());
        s.setJobUid(p.getJobUid());
        s.setNode(p.getNode());
        s.setNodeArch(p.getNodeArch());
        s.setArch(p.getArch());
        s.setAttempts(p.getAttempts());
        s.setStartTime(p.getStartTime());
        s.setCompletionTime(p.getCompletionTime());
        s.setMessage(p.getMessage());
        s.setResultName(p.getResultName());
        return s;
    }
}
