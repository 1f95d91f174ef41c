package io.mapbench.operator.faults;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.FailoverSpec;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.dependent.RemoteLabels;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Fault case 2, failover variant: a run with spec.placement.failover on a cloud member whose API
 * server is stopped past the unreachable deadline -> its job Lost, then re-dispatched once to the
 * edge member (Event Redispatched, the old entry Lost/Redispatched, a new entry, the assignment
 * names the edge member); the cloud API server started again -> the run's objects there (the
 * orphan, which may have completed meanwhile) are deleted, never read: exactly one BenchmarkResult
 * for the slot, from the edge member. Full level only (about 4 minutes).
 */
@LocalClustersTest
@EnabledIf("io.mapbench.operator.faults.FaultLevel#full")
class MemberOutageFailoverFaultIT {
    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static final String AFTER = "10s";

    @Test
    void aJobLostPastTheDeadlineIsRedispatchedOnceAndItsOrphanCollected(TestClusters clusters) throws Exception {
        FaultCase row = FaultCase.start("2f", "member API server stopped past the deadline, spec.placement.failover.after "
                + AFTER + ": job re-dispatched once, orphan collected when the member is back");
        try (FaultFleet fleet = new FaultFleet(clusters).property("mapbench.unreachable-deadline", DEADLINE.toSeconds() + "s")
                .property("mapbench.member.max-backoff", "10s")) {
            // Placement is by name among matching clusters with room: "<ns>-cloud" first, "<ns>-edge" the spare.
            fleet.member("cloud", FaultFleet.CLOUD, "cloud", 1).member("edge", FaultFleet.EDGE, "edge", 1).start();
            String cloud = fleet.ns + "-cloud";
            String edge = fleet.ns + "-edge";
            try {
                BenchmarkRun run = fleet.run("failover", List.of("1.26"));
                run.getSpec().getPlacement().setClusters(null);
                run.getSpec().getPlacement().setMaxClusters(1);
                FailoverSpec failover = new FailoverSpec();
                failover.setAfter(AFTER);
                run.getSpec().getPlacement().setFailover(failover);
                run.getSpec().setBenchtime("300ms");
                String uid = fleet.create(run).getMetadata().getUid();
                MemberOutageFaultIT.awaitDispatched(fleet, "failover", cloud);
                long t0 = System.nanoTime();
                fleet.clustersTool("stop", FaultFleet.CLOUD, "apiserver");

                await("job re-dispatched to " + edge).atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions().until(() -> entry(fleet.get("failover"), edge).isPresent());
                double movedAfter = (System.nanoTime() - t0) / 1e9;
                BenchmarkRun moved = fleet.get("failover");
                JobStatus old = entry(moved, cloud).orElseThrow();
                boolean recorded = old.getPhase() == JobPhase.Lost && ConditionReasons.REDISPATCHED.equals(old.getReason())
                        && old.getMessage().contains(edge);
                boolean assignment = moved.getStatus().getAssignment().getClusters().equals(List.of(edge));
                boolean event = fleet.hub.v1().events().inNamespace(fleet.ns).list().getItems().stream()
                        .filter(e -> "failover".equals(e.getInvolvedObject().getName()))
                        .map(Event::getReason).anyMatch(ConditionReasons.REDISPATCHED::equals);

                fleet.clustersTool("start", FaultFleet.CLOUD, "apiserver");
                long back = System.nanoTime();
                boolean orphanGone;
                try {
                    await("orphan deleted in " + cloud).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                            .ignoreExceptions().until(() -> cloudJobs(fleet, uid).isEmpty());
                    orphanGone = true;
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    orphanGone = false;
                }
                double orphanAfter = (System.nanoTime() - back) / 1e9;

                List<BenchmarkRun> done = fleet.awaitFinished(List.of("failover"), Duration.ofMinutes(5));
                BenchmarkRun finished = done.get(0);
                RunPhase phase = finished == null || finished.getStatus() == null ? null : finished.getStatus().getPhase();
                List<BenchmarkResult> results = fleet.results(done);
                long fromEdge = results.stream().filter(r -> edge.equals(r.getSpec().getCluster())).count();
                int redispatched = finished == null ? -1 : (int) finished.getStatus().getJobs().stream()
                        .filter(j -> ConditionReasons.REDISPATCHED.equals(j.getReason())).count();

                row.runs(1, FaultFleet.finishedCount(done))
                        .count("phase", phase).count("moved after stop", String.format("%.0f s", movedAfter))
                        .count("orphan deleted after start", orphanGone ? String.format("%.0f s", orphanAfter) : "no")
                        .count("Jobs created", fleet.jobsCreated(done)).count("results", results.size())
                        .expect(recorded, "the cloud entry is not Lost/Redispatched naming %s: %s", edge, old.getReason())
                        .expect(assignment, "assignment %s, not [%s]", moved.getStatus().getAssignment().getClusters(), edge)
                        .expect(event, "no Event Redispatched")
                        .expect(orphanGone, "the run's Job in %s was not deleted within 3 min of its return", cloud)
                        .expect(phase == RunPhase.Succeeded, "run ended %s, not Succeeded (the replacement counts)", phase)
                        .expect(redispatched == 1, "%d entries Redispatched, not 1", redispatched)
                        .expect(results.size() == 1 && fromEdge == 1, "%d BenchmarkResults (%d from %s), not exactly 1 from it",
                                results.size(), fromEdge, edge)
                        .expect(fleet.jobsCreated(done) == 2, "%d Jobs created, not 2 (original and replacement)",
                                fleet.jobsCreated(done))
                        .results(fleet.lostResults(done), fleet.duplicateResults(done));
                row.orphans(fleet.deleteAndCountOrphans(done, Duration.ofMinutes(3))).duplicateJobs(fleet.duplicateJobs());
                row.finish();
            } catch (Exception | AssertionError e) {
                row.abort(e);
                throw e;
            } finally {
                fleet.clustersTool("start", FaultFleet.CLOUD, "apiserver");
            }
        } catch (Exception | AssertionError e) {
            row.abort(e);
            throw e;
        }
    }

    private static Optional<JobStatus> entry(BenchmarkRun run, String cluster) {
        return run.getStatus().getJobs().stream().filter(j -> cluster.equals(j.getCluster())).findFirst();
    }

    private static List<Job> cloudJobs(FaultFleet fleet, String runUid) {
        return fleet.clusters.client(FaultFleet.CLOUD).batch().v1().jobs().inNamespace(fleet.ns)
                .withLabel(RemoteLabels.RUN_UID, runUid).list().getItems();
    }
}
