package io.mapbench.operator.faults;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Fault case 6: the hub's etcd stopped for 15 s, then the hub's API server stopped for 15 s,
 * while a run is in flight; a run created after both restarts must be served too. The operator
 * must recover without manual action: if its process exits it is started again, as a kubelet
 * would restart the pod, and the exits are counted. Full level only.
 */
@LocalClustersTest
@EnabledIf("io.mapbench.operator.faults.FaultLevel#full")
class HubRestartFaultIT {

    @Test
    void operatorRecoversFromHubEtcdAndApiServerRestarts(TestClusters clusters) throws Exception {
        FaultCase row = FaultCase.start("6", "hub etcd restart, then hub API server restart, mid-run");
        try (FaultFleet fleet = new FaultFleet(clusters).member("cloud", FaultFleet.CLOUD, "cloud", 3).start()) {
            int exits = 0;
            try {
                List<String> names = new ArrayList<>();
                BenchmarkRun during = fleet.run("hub-restart-during", List.of("1.23", "1.26"), "cloud");
                during.getSpec().setBenchtime("300ms");
                fleet.create(during);
                names.add("hub-restart-during");
                MemberOutageFaultIT.awaitDispatched(fleet, "hub-restart-during", fleet.ns + "-cloud");
                for (String component : List.of("etcd", "apiserver")) {
                    fleet.clustersTool("stop", "hub", component);
                    Thread.sleep(15_000);
                    fleet.clustersTool("start", "hub", component);
                    if (!fleet.operator().alive()) {
                        exits++;
                        fleet.startOperator();
                    }
                }
                Thread.sleep(5_000);
                fleet.create(fleet.run("hub-restart-after", List.of("1.26"), "cloud"));
                names.add("hub-restart-after");
                List<BenchmarkRun> runs = fleet.awaitFinished(names, Duration.ofMinutes(6));
                if (!fleet.operator().alive()) {
                    exits++;
                }
                long succeeded = runs.stream().filter(r -> r != null && r.getStatus() != null
                        && r.getStatus().getPhase() == RunPhase.Succeeded).count();
                row.runs(names.size(), FaultFleet.finishedCount(runs)).count("succeeded", succeeded).count("operator exits", exits)
                        .expect(succeeded == names.size(), "%d of %d runs did not succeed", names.size() - succeeded, names.size())
                        .results(fleet.lostResults(runs), fleet.duplicateResults(runs))
                        .duplicateJobs(fleet.duplicateJobs())
                        .orphans(fleet.deleteAndCountOrphans(runs, Duration.ofMinutes(2)));
                row.finish();
            } catch (Exception | AssertionError e) {
                row.abort(e);
                throw e;
            } finally {
                fleet.clustersTool("start", "hub", "etcd");
                fleet.clustersTool("start", "hub", "apiserver");
            }
        } catch (Exception | AssertionError e) {
            row.abort(e); // also when the fleet could not even start
            throw e;
        }
    }
}
