package io.mapbench.operator.faults;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.dependent.RemoteLabels;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Fault case 4: the member's node agent (its kubelet) stopped while a benchmark pod runs, started
 * again 20 s later. The Job is retried as {@code spec.retries} allows and the run reaches a
 * finished phase; never a second Job for the slot. Full level only.
 */
@LocalClustersTest
@EnabledIf("io.mapbench.operator.faults.FaultLevel#full")
class NodeAgentKillFaultIT {

    @Test
    void killedNodeAgentEndsInATerminalStateWithinRetries(TestClusters clusters) throws Exception {
        FaultCase row = FaultCase.start("4", "node agent stopped mid-pod, back after 20 s (retries: 1)");
        try (FaultFleet fleet = new FaultFleet(clusters).member("cloud", FaultFleet.CLOUD, "cloud", 3).start()) {
            try {
                BenchmarkRun run = fleet.run("agent-kill", List.of("1.26"), "cloud");
                run.getSpec().setBenchtime("500ms");
                run.getSpec().setRetries(1);
                String uid = fleet.create(run).getMetadata().getUid();
                KubernetesClient member = clusters.client(FaultFleet.CLOUD);
                await("benchmark pod running").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> member.pods().inNamespace(fleet.ns).withLabel(RemoteLabels.RUN_UID, uid).list().getItems().stream()
                                .anyMatch(p -> "Running".equals(p.getStatus().getPhase())));
                fleet.clustersTool("stop", FaultFleet.CLOUD, "node-agent");
                Thread.sleep(20_000);
                fleet.clustersTool("start", FaultFleet.CLOUD, "node-agent");

                List<BenchmarkRun> runs = fleet.awaitFinished(List.of("agent-kill"), Duration.ofMinutes(6));
                BenchmarkRun done = runs.get(0);
                int attempts = done == null || done.getStatus() == null ? 0 : done.getStatus().getJobs().stream()
                        .map(JobStatus::getAttempts).filter(a -> a != null).mapToInt(Integer::intValue).max().orElse(0);
                row.runs(1, FaultFleet.finishedCount(runs))
                        .count("phase", done == null || done.getStatus() == null ? null : done.getStatus().getPhase())
                        .count("attempts", attempts)
                        .expect(attempts <= 2, "%d pod attempts with retries: 1", attempts)
                        .results(fleet.lostResults(runs), fleet.duplicateResults(runs))
                        .duplicateJobs(fleet.duplicateJobs())
                        .orphans(fleet.deleteAndCountOrphans(runs, Duration.ofMinutes(2)));
                row.finish();
            } catch (Exception | AssertionError e) {
                row.abort(e);
                throw e;
            } finally {
                fleet.clustersTool("start", FaultFleet.CLOUD, "node-agent");
            }
        } catch (Exception | AssertionError e) {
            row.abort(e); // also when the fleet could not even start
            throw e;
        }
    }
}
