package io.mapbench.operator.faults;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Fault case 3: the edge member reached through the clusters' proxy at 300 ms round-trip latency,
 * with three 10-second blackhole windows while its runs progress. The runs complete, nothing is
 * dispatched twice, and the MemberCluster reports the degradation in its Degraded condition
 * (SlowLink or IntermittentProbeFailures, with the measured figures) while Ready stays True, and
 * neither condition flaps: Ready never changes, Degraded turns True at most once. Full level only.
 */
@LocalClustersTest
@EnabledIf("io.mapbench.operator.faults.FaultLevel#full")
@Tag(FaultLevel.SHARED)
class SlowEdgeLinkFaultIT {

    @Test
    void slowAndLossyEdgeLinkCompletesWithoutDuplicatesOrFlapping(TestClusters clusters) throws Exception {
        FaultCase row = FaultCase.start("3", "edge link at 300 ms latency with 3 blackhole windows of 10 s");
        try (FaultFleet fleet = new FaultFleet(clusters)) {
            String proxy = fleet.clustersTool("proxy", FaultFleet.EDGE, "--no-drop", "--no-blackhole", "--latency", "300ms");
            Matcher port = Pattern.compile("proxy 127\\.0\\.0\\.1:(\\d+) ->").matcher(proxy);
            if (!port.find()) {
                throw new IllegalStateException("proxy output: " + proxy);
            }
            fleet.member("edge", FaultFleet.EDGE, "edge", 3, "https://127.0.0.1:" + port.group(1)).start();
            String member = fleet.ns + "-edge";
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            try {
                AtomicInteger readyFlips = new AtomicInteger();
                AtomicInteger degradedRises = new AtomicInteger();
                AtomicReference<Boolean> lastReady = new AtomicReference<>(true);
                AtomicBoolean lastDegraded = new AtomicBoolean();
                AtomicReference<String> degradedAs = new AtomicReference<>("");
                sampler.scheduleWithFixedDelay(() -> {
                    try {
                        MemberCluster mc = fleet.hub.resources(MemberCluster.class).withName(member).get();
                        boolean ready = FaultFleet.ready(mc);
                        if (ready != lastReady.getAndSet(ready)) {
                            readyFlips.incrementAndGet();
                        }
                        var degraded = mc.getStatus().getConditions().stream().filter(c -> ConditionTypes.DEGRADED.equals(c.getType())
                                && c.getStatus() == ConditionStatus.True).findFirst();
                        if (degraded.isPresent() && !lastDegraded.getAndSet(true)) {
                            degradedRises.incrementAndGet();
                            degradedAs.set(degraded.get().getReason());
                            System.out.println("FAULT 3 Degraded: " + degraded.get().getReason() + ": " + degraded.get().getMessage());
                        } else if (degraded.isEmpty()) {
                            lastDegraded.set(false);
                        }
                    } catch (RuntimeException e) {
                        System.out.println("FAULT 3 sample failed: " + e.getMessage());
                    }
                }, 0, 500, TimeUnit.MILLISECONDS);

                List<String> names = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    String name = "slow-edge-" + i;
                    fleet.create(fleet.run(name, List.of("1.26"), "edge"));
                    names.add(name);
                }
                for (int w = 0; w < 3; w++) {
                    Thread.sleep(15_000);
                    fleet.clustersTool("proxy", FaultFleet.EDGE, "--blackhole");
                    Thread.sleep(10_000);
                    fleet.clustersTool("proxy", FaultFleet.EDGE, "--no-blackhole");
                }
                List<BenchmarkRun> runs = fleet.awaitFinished(names, Duration.ofMinutes(8));
                sampler.shutdownNow();
                long succeeded = runs.stream().filter(r -> r != null && r.getStatus() != null
                        && r.getStatus().getPhase() == RunPhase.Succeeded).count();
                row.runs(names.size(), FaultFleet.finishedCount(runs)).count("succeeded", succeeded)
                        .count("Ready flips", readyFlips.get()).count("Degraded", degradedAs.get().isEmpty() ? "never" : degradedAs.get())
                        .count("Degraded rises", degradedRises.get())
                        .expect(succeeded == names.size(), "%d of %d runs did not succeed", names.size() - succeeded, names.size())
                        .expect(degradedRises.get() > 0, "the MemberCluster never reported the degraded link (Degraded=True)")
                        .expect(degradedRises.get() <= 1, "Degraded turned True %d times (flapping)", degradedRises.get())
                        .expect(readyFlips.get() == 0, "Ready flipped %d times", readyFlips.get())
                        .results(fleet.lostResults(runs), fleet.duplicateResults(runs))
                        .duplicateJobs(fleet.duplicateJobs())
                        .orphans(fleet.deleteAndCountOrphans(runs, Duration.ofMinutes(3)));
                row.finish();
            } catch (Exception | AssertionError e) {
                row.abort(e);
                throw e;
            } finally {
                sampler.shutdownNow();
                fleet.clustersTool("proxy", FaultFleet.EDGE, "--no-blackhole", "--no-drop", "--latency", "0s");
            }
        } catch (Exception | AssertionError e) {
            row.abort(e); // also when the fleet could not even start
            throw e;
        }
    }
}
