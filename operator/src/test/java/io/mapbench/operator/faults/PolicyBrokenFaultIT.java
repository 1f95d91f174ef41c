package io.mapbench.operator.faults;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Fault case 5: the admission policy ConfigMap deleted, then corrupted (garbage module), while runs
 * keep arriving. While it is broken no workload may be created anywhere (fail closed); once the
 * real policy is back the waiting runs are admitted and finish without any user action.
 */
@LocalClustersTest
@EnabledIf("io.mapbench.operator.faults.FaultLevel#full")
@Tag(FaultLevel.SHARED)
class PolicyBrokenFaultIT {
    private static final Duration BROKEN_FOR = Duration.ofSeconds(20);

    @Test
    void brokenPolicyAdmitsNothingAndRecoversWithoutUserAction(TestClusters clusters) throws Exception {
        FaultCase row = FaultCase.start("5", "policy ConfigMap deleted, then corrupted, mid-stream");
        try (FaultFleet fleet = new FaultFleet(clusters).member("cloud", FaultFleet.CLOUD, "cloud", 3).withPolicy().start()) {
            try {
                List<String> names = new ArrayList<>();
                int createdWhileBroken = 0;

                fleet.hub.configMaps().inNamespace(fleet.ns).withName("mapbench-policy").delete();
                createdWhileBroken += whileBroken(fleet, "deleted", names);
                fleet.installPolicy();
                fleet.awaitFinished(names, Duration.ofMinutes(4));

                fleet.hub.configMaps().inNamespace(fleet.ns).withName("mapbench-policy").edit(cm -> {
                    cm.setBinaryData(Map.of("policy.wasm", Base64.getEncoder().encodeToString("\0asm garbage".getBytes())));
                    return cm;
                });
                createdWhileBroken += whileBroken(fleet, "corrupt", names);
                fleet.installPolicy();

                List<BenchmarkRun> runs = fleet.awaitFinished(names, Duration.ofMinutes(4));
                row.runs(names.size(), FaultFleet.finishedCount(runs))
                        .count("Jobs created while broken", createdWhileBroken)
                        .expect(createdWhileBroken == 0, "%d Jobs created while the policy was broken", createdWhileBroken)
                        .results(fleet.lostResults(runs), fleet.duplicateResults(runs))
                        .duplicateJobs(fleet.duplicateJobs())
                        .orphans(fleet.deleteAndCountOrphans(runs, Duration.ofMinutes(2)));
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

    /** Waits until the operator reports the policy unavailable, creates 2 runs, counts their Jobs after a while. */
    private static int whileBroken(FaultFleet fleet, String how, List<String> names) throws Exception {
        await("operator reports the policy unavailable (" + how + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> fleet.operator().metrics().contains("mapbench_policy_available 0.0"));
        List<BenchmarkRun> created = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String name = "policy-" + how + "-" + i;
            created.add(fleet.create(fleet.run(name, List.of("1.26"), "cloud")));
            names.add(name);
        }
        Thread.sleep(BROKEN_FOR.toMillis());
        return fleet.jobsCreated(created);
    }
}
