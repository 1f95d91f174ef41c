package io.mapbench.operator.faults;

import static org.awaitility.Awaitility.await;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Fault case 2: a member's API server stopped for 2 minutes mid-run (within the unreachable
 * deadline of 150 s) -> the run completes; at the same time another member cut off past the
 * deadline (the edge cluster behind the clusters' proxy, which then refuses every connection) -> its
 * job Lost, the run PartiallySucceeded, deletion bounded, and the member's leftovers collected once
 * it is back. The two outages overlap (different clusters) to keep the suite short. Full level only
 * (about 6 minutes). The same
 * outage with spec.placement.failover set (the job re-dispatched instead of Lost) is case 2f,
 * {@link MemberOutageFailoverFaultIT}.
 */
@LocalClustersTest
@EnabledIf("io.mapbench.operator.faults.FaultLevel#full")
class MemberOutageFaultIT {
    private static final Duration DEADLINE = Duration.ofSeconds(150);
    /** The operator gives an unreachable member's cleanup up to the unreachable deadline, then lets the run go. */
    private static final Duration DELETION_BOUND = DEADLINE.plusSeconds(60);

    @Test
    void outagesEndTruthfullyAndLeftoversAreCollected(TestClusters clusters) throws Exception {
        FaultCase row = FaultCase.start("2", "member API server stopped 2 min mid-run; member cut off past the deadline");
        try (FaultFleet fleet = new FaultFleet(clusters).property("mapbench.unreachable-deadline", DEADLINE.toSeconds() + "s")) {
            String proxy = fleet.clustersTool("proxy", FaultFleet.EDGE, "--no-drop", "--no-blackhole", "--latency", "0s");
            Matcher port = Pattern.compile("proxy 127\\.0\\.0\\.1:(\\d+) ->").matcher(proxy);
            if (!port.find()) {
                throw new IllegalStateException("proxy output: " + proxy);
            }
            fleet.member("cloud", FaultFleet.CLOUD, "cloud", 3).member("proxied", FaultFleet.EDGE, "edge", 3,
                    "https://127.0.0.1:" + port.group(1)).start();
            try {
                // Both outages at once, on different clusters: (a) cloud-1's API server stopped 2 minutes while
                // the job runs; (b) the edge member, reached through the proxy, cut off past the deadline.
                BenchmarkRun a = fleet.run("outage-stop", List.of("1.26"), "cloud");
                a.getSpec().setBenchtime("300ms");
                fleet.create(a);
                BenchmarkRun b = fleet.run("outage-lost", List.of("1.26"), "cloud", "proxied");
                b.getSpec().setBenchtime("300ms");
                fleet.create(b);
                awaitDispatched(fleet, "outage-stop", fleet.ns + "-cloud");
                awaitDispatched(fleet, "outage-lost", fleet.ns + "-proxied");
                fleet.clustersTool("proxy", FaultFleet.EDGE, "--drop");
                fleet.clustersTool("stop", FaultFleet.CLOUD, "apiserver");
                Thread.sleep(Duration.ofMinutes(2).toMillis());
                fleet.clustersTool("start", FaultFleet.CLOUD, "apiserver");
                List<BenchmarkRun> afterStop = fleet.awaitFinished(List.of("outage-stop"), Duration.ofMinutes(4));
                RunPhase stopPhase = afterStop.get(0) == null || afterStop.get(0).getStatus() == null ? null
                        : afterStop.get(0).getStatus().getPhase();
                List<BenchmarkRun> afterLoss = fleet.awaitFinished(List.of("outage-lost"), DEADLINE.plusMinutes(3));
                BenchmarkRun lost = afterLoss.get(0);
                RunPhase lostPhase = lost == null || lost.getStatus() == null ? null : lost.getStatus().getPhase();
                boolean jobLost = lost != null && lost.getStatus() != null && lost.getStatus().getJobs().stream()
                        .anyMatch(j -> (fleet.ns + "-proxied").equals(j.getCluster()) && j.getPhase() == JobPhase.Lost);
                List<BenchmarkRun> all = List.of(afterStop.get(0), lost);
                row.runs(2, FaultFleet.finishedCount(all)).count("stopped 2 min", stopPhase).count("cut off", lostPhase)
                        .expect(stopPhase == RunPhase.Succeeded, "run with the 2-minute outage ended %s, not Succeeded", stopPhase)
                        .expect(lostPhase == RunPhase.PartiallySucceeded, "run with the lost member ended %s, not PartiallySucceeded", lostPhase)
                        .expect(jobLost, "the cut-off member's job is not Lost")
                        .results(fleet.lostResults(all), fleet.duplicateResults(all));

                long t0 = System.nanoTime();
                fleet.hub.resources(BenchmarkRun.class).inNamespace(fleet.ns).withName("outage-lost").delete();
                boolean deleted;
                try {
                    await().atMost(DELETION_BOUND).pollInterval(Duration.ofSeconds(1))
                            .until(() -> fleet.get("outage-lost") == null);
                    deleted = true;
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    deleted = false;
                }
                row.count("deletion while cut off", deleted ? String.format("%.0f s", (System.nanoTime() - t0) / 1e9)
                        : "> " + DELETION_BOUND.toSeconds() + " s")
                        .expect(deleted, "deleting the run while its member is cut off took more than %d s", DELETION_BOUND.toSeconds());
                fleet.clustersTool("proxy", FaultFleet.EDGE, "--no-drop");
                row.orphans(fleet.deleteAndCountOrphans(all, Duration.ofMinutes(3))).duplicateJobs(fleet.duplicateJobs());
                row.finish();
            } catch (Exception | AssertionError e) {
                row.abort(e);
                throw e;
            } finally {
                fleet.clustersTool("start", FaultFleet.CLOUD, "apiserver");
                fleet.clustersTool("proxy", FaultFleet.EDGE, "--no-drop");
            }
        } catch (Exception | AssertionError e) {
            row.abort(e); // also when the fleet could not even start
            throw e;
        }
    }

    static void awaitDispatched(FaultFleet fleet, String run, String cluster) {
        await(run + " dispatched to " + cluster).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300))
                .ignoreExceptions().until(() -> fleet.get(run).getStatus().getJobs().stream()
                        .anyMatch(j -> cluster.equals(j.getCluster()) && j.getJobUid() != null));
    }
}
