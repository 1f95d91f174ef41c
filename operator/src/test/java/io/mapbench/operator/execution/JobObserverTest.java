package io.mapbench.operator.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.MemberClusterStatus;
import io.mapbench.operator.api.v1alpha1.NodeInfo;

class JobObserverTest {

    static Job job(String conditionType, String reason) {
        JobBuilder b = new JobBuilder().withNewMetadata().withName("j").withUid("job-uid").endMetadata()
                .withNewStatus().withStartTime("2026-01-01T00:00:00Z").endStatus();
        if (conditionType != null) {
            b.editStatus().addNewCondition().withType(conditionType).withStatus("True").withReason(reason)
                    .withMessage("condition message").withLastTransitionTime("2026-01-01T00:01:00Z").endCondition()
                    .endStatus();
        }
        return b.build();
    }

    static Pod pod(String name, String phase, Integer exitCode, String terminationMessage) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp("2026-01-01T00:00:0" + name.length() + "Z")
                .endMetadata().withNewSpec().withNodeName("edge-node").endSpec()
                .withNewStatus().withPhase(phase).endStatus();
        if (exitCode != null) {
            b.editStatus().addNewContainerStatus().withName("mapbench").withNewState().withNewTerminated()
                    .withExitCode(exitCode).withMessage(terminationMessage).endTerminated().endState()
                    .endContainerStatus().endStatus();
        }
        return b.build();
    }

    static MemberCluster edge() {
        MemberCluster mc = new MemberCluster();
        MemberClusterStatus s = new MemberClusterStatus();
        NodeInfo n = new NodeInfo();
        n.setName("edge-node");
        n.setArch("arm64");
        s.setNodes(List.of(n));
        mc.setStatus(s);
        return mc;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no Job yet", Optional.empty(), List.of(), JobPhase.Pending, null),
                Arguments.of("Job without pods", Optional.of(job(null, null)), List.of(), JobPhase.Pending, null),
                Arguments.of("pod running", Optional.of(job(null, null)), List.of(pod("p", "Running", null, null)),
                        JobPhase.Running, null),
                // The pod ended, the member's Job controller has not concluded yet: the job ran, it is not
                // waiting to start (it read Pending, and the status flapped Running -> Pending -> Succeeded).
                Arguments.of("pod succeeded, Job not complete yet", Optional.of(job(null, null)),
                        List.of(pod("p", "Succeeded", 0, "ok")), JobPhase.Running, null),
                Arguments.of("pod failed, retry not created yet", Optional.of(job(null, null)),
                        List.of(pod("p", "Failed", 3, "error: measurement")), JobPhase.Running, null),
                Arguments.of("complete", Optional.of(job("Complete", null)), List.of(pod("p", "Succeeded", 0, "ok")),
                        JobPhase.Succeeded, null),
                Arguments.of("invalid input: workload message", Optional.of(job("Failed", "PodFailurePolicy")),
                        List.of(pod("p", "Failed", 2, "error: --scenarios: unknown scenario \"x\"")), JobPhase.Failed,
                        "error: --scenarios: unknown scenario \"x\"; exit code 2 (PodFailurePolicy: condition message)"),
                Arguments.of("deadline", Optional.of(job("Failed", "DeadlineExceeded")), List.of(), JobPhase.TimedOut,
                        "DeadlineExceeded: condition message"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void observesPhaseAndMessage(String name, Optional<Job> job, List<Pod> pods, JobPhase phase, String message) {
        JobStatus previous = new JobStatus();
        previous.setCluster("edge");
        previous.setGoVersion("1.26.8");
        JobStatus s = JobObserver.observe(previous, job, pods, edge());
        assertThat(s.getPhase()).isEqualTo(phase);
        assertThat(s.getMessage()).isEqualTo(message);
        assertThat(s.getCluster()).isEqualTo("edge");
        if (!pods.isEmpty()) {
            assertThat(s.getNode()).isEqualTo("edge-node");
            assertThat(s.getNodeArch()).isEqualTo("arm64");
            assertThat(s.getAttempts()).isEqualTo(pods.size());
        }
        if (job.isPresent()) {
            assertThat(s.getJobUid()).isEqualTo("job-uid");
        }
    }

    /** A pod the scheduler has not placed has not started: no attempt, no start time, no node. */
    @Test
    void aPodNotScheduledYetIsNoAttempt() {
        JobStatus previous = new JobStatus();
        previous.setCluster("edge");
        previous.setGoVersion("1.26.8");
        previous.setAttempts(0);
        Pod unscheduled = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
        JobStatus s = JobObserver.observe(previous, Optional.of(job(null, null)), List.of(unscheduled), edge());
        assertThat(s.getPhase()).isEqualTo(JobPhase.Pending);
        assertThat(s.getAttempts()).isZero();
        assertThat(s.getStartTime()).isNull();
        assertThat(s.getNode()).isNull();

        Pod placed = new PodBuilder(unscheduled).editSpec().withNodeName("edge-node").endSpec()
                .editStatus().withStartTime("2026-01-01T00:00:05Z").endStatus().build();
        JobStatus started = JobObserver.observe(previous, Optional.of(job(null, null)), List.of(placed), edge());
        assertThat(started.getAttempts()).isEqualTo(1);
        assertThat(started.getStartTime()).as("the pod's start, not the Job controller's").isEqualTo("2026-01-01T00:00:05Z");
        assertThat(started.getNode()).isEqualTo("edge-node");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void succeededPodIsTheLatestSucceededOne(String name, Optional<Job> job, List<Pod> pods, JobPhase phase, String message) {
        Optional<Pod> p = JobObserver.succeededPod(pods);
        assertThat(p.isPresent()).isEqualTo(pods.stream().anyMatch(x -> "Succeeded".equals(x.getStatus().getPhase())));
    }
}
