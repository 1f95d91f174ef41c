package io.mapbench.operator.faults;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault case 1: the operator SIGKILLed at seeded random points while runs are admitted,
 * dispatched, collected and deleted; restarted at once, as a crashed pod would be. Full level: 10
 * runs and 10 kills (the last one while the runs are being deleted); quick: 2 and 2.
 */
@LocalClustersTest
@Tag(FaultLevel.SHARED)
class OperatorKillFaultIT {

    @Test
    void killNineAtRandomPointsLosesAndDuplicatesNothing(TestClusters clusters) throws Exception {
        int n = FaultLevel.full() ? 10 : 2;
        FaultCase row = FaultCase.start("1", "operator kill -9 at " + n + " seeded random points across " + n + " runs");
        try (FaultFleet fleet = new FaultFleet(clusters).member("cloud", FaultFleet.CLOUD, "cloud", 3).start()) {
            try {
                Random random = new Random(20261207L);
                List<String> names = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String name = String.format("kill-%02d", i);
                    fleet.create(fleet.run(name, List.of("1.23", "1.26"), "cloud"));
                    names.add(name);
                }
                Map<String, Integer> killedDuring = new TreeMap<>();
                for (int k = 0; k < n - 1; k++) {
                    // A seeded point of the operator's working life: after it serves, so kills land in
                    // dispatch and collection too, not only in a JVM that is still starting.
                    fleet.awaitOperatorServing(Duration.ofMinutes(2));
                    Thread.sleep(500 + random.nextInt(8000));
                    stages(fleet.runs()).forEach(st -> killedDuring.merge(st, 1, Integer::sum));
                    fleet.operator().kill9();
                    fleet.startOperator();
                }
                List<BenchmarkRun> runs = fleet.awaitFinished(names, Duration.ofMinutes(FaultLevel.full() ? 8 : 5));
                row.runs(n, FaultFleet.finishedCount(runs))
                        .count("succeeded", runs.stream().filter(r -> r != null && r.getStatus() != null
                                && r.getStatus().getPhase() == RunPhase.Succeeded).count())
                        .count("Jobs created", fleet.jobsCreated(runs))
                        .results(fleet.lostResults(runs), fleet.duplicateResults(runs));

                // The last kill lands while the runs are being deleted (finalizers pending).
                for (BenchmarkRun r : runs) {
                    clusters.hub().resource(r).delete();
                }
                Thread.sleep(random.nextInt(1500));
                killedDuring.merge("deleting", 1, Integer::sum);
                fleet.operator().kill9();
                fleet.startOperator();
                row.orphans(fleet.deleteAndCountOrphans(runs, Duration.ofMinutes(2)))
                        .duplicateJobs(fleet.duplicateJobs())
                        .count("kills landing in", killedDuring.toString().replace("=", ":"));
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

    /**
     * The stages the fleet's runs are in at the moment of a kill (a kill usually hits several):
     * admission (Pending), dispatch (Scheduled, or Running with a job not yet created), collecting
     * (Running, every job created), deleting (deletion requested).
     */
    static java.util.Set<String> stages(List<BenchmarkRun> runs) {
        java.util.Set<String> stages = new java.util.TreeSet<>();
        for (BenchmarkRun r : runs) {
            if (r.getMetadata().getDeletionTimestamp() != null) {
                stages.add("deleting");
                continue;
            }
            if (FaultFleet.finished(r)) {
                continue;
            }
            RunPhase p = r.getStatus() == null || r.getStatus().getPhase() == null ? RunPhase.Pending : r.getStatus().getPhase();
            boolean allCreated = r.getStatus() != null && !r.getStatus().getJobs().isEmpty()
                    && r.getStatus().getJobs().stream().allMatch(j -> j.getJobUid() != null);
            stages.add(switch (p) {
                case Pending, Denied -> "admission";
                case Scheduled -> "dispatch";
                default -> allCreated ? "collecting" : "dispatch";
            });
        }
        return stages;
    }
}
