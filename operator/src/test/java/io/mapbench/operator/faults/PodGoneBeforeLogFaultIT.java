package io.mapbench.operator.faults;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.dependent.RemoteLabels;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Fault case 9 (issue 11 defect 4): the remote Job completes while the operator is down and its
 * pod is deleted (GC, node loss) before the operator could read the log. The job must end with a
 * clear reason (Failed, ResultUnavailable) in bounded time, not be forced back to Running.
 */
@LocalClustersTest
@EnabledIf("io.mapbench.operator.faults.FaultLevel#full")
@Tag(FaultLevel.SHARED)
class PodGoneBeforeLogFaultIT {

    @Test
    void completedJobWhosePodIsGoneEndsWithAReason(TestClusters clusters) throws Exception {
        FaultCase row = FaultCase.start("9", "Job complete, its pod deleted before the log was read");
        try (FaultFleet fleet = new FaultFleet(clusters).member("cloud", FaultFleet.CLOUD, "cloud", 3).start()) {
            try {
                BenchmarkRun run = fleet.create(fleet.run("pod-gone", List.of("1.26"), "cloud"));
                String uid = run.getMetadata().getUid();
                KubernetesClient member = clusters.client(FaultFleet.CLOUD);
                await("Job dispatched").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> !member.batch().v1().jobs().inNamespace(fleet.ns).withLabel(RemoteLabels.RUN_UID, uid).list()
                                .getItems().isEmpty());
                fleet.operator().kill9();
                await("Job complete while the operator is down").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> member.batch().v1().jobs().inNamespace(fleet.ns).withLabel(RemoteLabels.RUN_UID, uid).list()
                                .getItems().stream().allMatch(PodGoneBeforeLogFaultIT::complete));
                int deletedPods = member.pods().inNamespace(fleet.ns).withLabel(RemoteLabels.RUN_UID, uid).list().getItems().size();
                member.pods().inNamespace(fleet.ns).withLabel(RemoteLabels.RUN_UID, uid).withGracePeriod(0).delete();
                await("pods gone").atMost(Duration.ofMinutes(1)).until(() -> member.pods().inNamespace(fleet.ns)
                        .withLabel(RemoteLabels.RUN_UID, uid).list().getItems().isEmpty());
                fleet.startOperator();

                List<BenchmarkRun> runs = fleet.awaitFinished(List.of("pod-gone"), Duration.ofMinutes(2));
                BenchmarkRun done = runs.get(0);
                JsonNode job = jobStatus(fleet, "pod-gone");
                String phase = job.path("phase").asText("");
                String reason = job.path("reason").asText("");
                row.runs(1, FaultFleet.finishedCount(runs)).count("pods deleted", deletedPods)
                        .count("job", phase + (reason.isEmpty() ? "" : "/" + reason))
                        .expect("Failed".equals(phase), "job phase %s, not Failed", phase)
                        .expect("ResultUnavailable".equals(reason), "job reason '%s', not ResultUnavailable", reason)
                        .results(fleet.lostResults(runs), fleet.duplicateResults(runs));
                row.orphans(fleet.deleteAndCountOrphans(List.of(done), Duration.ofMinutes(2))).duplicateJobs(fleet.duplicateJobs());
                row.finish();
            } catch (Exception | AssertionError e) {
                row.abort(e);
                throw e;
            }
        } catch (Exception | AssertionError e) {
            row.abort(e); // also when the fleet could not even start
            throw e;
        }
    }

    static boolean complete(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The run's first status.jobs entry as raw JSON (reads fields the typed model may not have yet, e.g. reason). */
    static JsonNode jobStatus(FaultFleet fleet, String run) {
        var generic = fleet.hub.genericKubernetesResources("mapbench.io/v1alpha1", "BenchmarkRun").inNamespace(fleet.ns)
                .withName(run).get();
        JsonNode tree = fleet.hub.getKubernetesSerialization().convertValue(generic, JsonNode.class);
        return tree.path("status").path("jobs").path(0);
    }
}
