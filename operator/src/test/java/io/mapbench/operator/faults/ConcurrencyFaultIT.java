package io.mapbench.operator.faults;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.dependent.RemoteLabels;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Fault case 7: many runs applied at once in one namespace with the real policy's
 * {@code maxActiveRunsPerNamespace: 3} and two members with {@code maxConcurrentRuns: 2} (both on
 * cloud-1, runs alternate between them, so 4 slots exceed the namespace's 3: both limits bind).
 * A sampler counts active runs and live remote Jobs every 250 ms; every run must end, and runs
 * for one member must be admitted in creation order. Full level only.
 */
@LocalClustersTest
@EnabledIf("io.mapbench.operator.faults.FaultLevel#full")
@Tag(FaultLevel.SHARED)
class ConcurrencyFaultIT {
    private static final int NAMESPACE_LIMIT = 3;
    private static final int MEMBER_LIMIT = 2;

    @Test
    void limitsHoldAndEveryRunEndsInCreationOrder(TestClusters clusters) throws Exception {
        int n = 30;
        FaultCase row = FaultCase.start("7", n + " runs at once, namespace limit 3, members' limit 2");
        try (FaultFleet fleet = new FaultFleet(clusters).member("a", FaultFleet.CLOUD, "cloud", MEMBER_LIMIT)
                .member("b", FaultFleet.CLOUD, "cloud", MEMBER_LIMIT).withPolicy().start()) {
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            try {
                AtomicInteger maxActiveRuns = new AtomicInteger();
                Map<String, AtomicInteger> maxJobsPerMember = Map.of(fleet.ns + "-a", new AtomicInteger(), fleet.ns + "-b", new AtomicInteger());
                Map<String, Long> admittedAt = new java.util.concurrent.ConcurrentHashMap<>();
                long t0 = System.nanoTime();
                sampler.scheduleWithFixedDelay(() -> {
                    try {
                        int active = 0;
                        for (BenchmarkRun r : fleet.runs()) {
                            RunPhase p = r.getStatus() == null ? null : r.getStatus().getPhase();
                            if (p == RunPhase.Scheduled || p == RunPhase.Running) {
                                active++;
                            }
                            if (p != null && p != RunPhase.Pending && p != RunPhase.Denied) {
                                admittedAt.putIfAbsent(r.getMetadata().getName(), System.nanoTime() - t0);
                            }
                        }
                        maxActiveRuns.accumulateAndGet(active, Math::max);
                        Map<String, Integer> live = new HashMap<>();
                        for (Job j : clusters.client(FaultFleet.CLOUD).batch().v1().jobs().inNamespace(fleet.ns)
                                .withLabel(RemoteLabels.RUN_UID).list().getItems()) {
                            if (j.getStatus() == null || j.getStatus().getCompletionTime() == null && (j.getStatus().getFailed() == null
                                    || j.getStatus().getFailed() == 0)) {
                                live.merge(j.getMetadata().getLabels().get(RemoteLabels.CLUSTER), 1, Integer::sum);
                            }
                        }
                        live.forEach((m, c) -> maxJobsPerMember.getOrDefault(m, new AtomicInteger()).accumulateAndGet(c, Math::max));
                    } catch (RuntimeException e) {
                        System.out.println("FAULT 7 sample failed: " + e.getMessage());
                    }
                }, 0, 250, TimeUnit.MILLISECONDS);

                List<String> names = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String name = String.format("burst-%02d", i);
                    fleet.create(fleet.run(name, List.of("1.26"), i % 2 == 0 ? "a" : "b"));
                    names.add(name);
                }
                List<BenchmarkRun> runs = fleet.awaitFinished(names, Duration.ofMinutes(8));
                sampler.shutdownNow();
                int inversions = inversions(names, admittedAt);
                long denied = runs.stream().filter(r -> r != null && r.getStatus() != null && r.getStatus().getPhase() == RunPhase.Denied)
                        .count();
                int maxJobs = maxJobsPerMember.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
                row.runs(n, FaultFleet.finishedCount(runs))
                        .count("max active runs", maxActiveRuns.get()).count("max live Jobs per member", maxJobs)
                        .count("Denied", denied).count("admission order inversions", inversions)
                        .expect(maxActiveRuns.get() <= NAMESPACE_LIMIT, "%d runs active at once (limit %d)", maxActiveRuns.get(), NAMESPACE_LIMIT)
                        .expect(maxJobs <= MEMBER_LIMIT, "%d live Jobs on one member (limit %d)", maxJobs, MEMBER_LIMIT)
                        .expect(denied == 0, "%d runs Denied for waiting on quota/capacity", denied)
                        .expect(inversions == 0, "%d runs admitted before an older run of the same member", inversions)
                        .results(fleet.lostResults(runs), fleet.duplicateResults(runs))
                        .duplicateJobs(fleet.duplicateJobs())
                        .orphans(fleet.deleteAndCountOrphans(runs, Duration.ofMinutes(2)));
                row.finish();
            } catch (Exception | AssertionError e) {
                row.abort(e);
                throw e;
            } finally {
                sampler.shutdownNow();
            }
        } catch (Exception | AssertionError e) {
            row.abort(e); // also when the fleet could not even start
            throw e;
        }
    }

    /**
     * Pairs of runs for the same member (same index parity) where the younger was admitted at least
     * one sample (250 ms) before the older; never admitted counts as admitted last.
     */
    static int inversions(List<String> names, Map<String, Long> admittedAt) {
        int inversions = 0;
        long slack = TimeUnit.MILLISECONDS.toNanos(300);
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 2; j < names.size(); j += 2) {
                long older = admittedAt.getOrDefault(names.get(i), Long.MAX_VALUE);
                long younger = admittedAt.getOrDefault(names.get(j), Long.MAX_VALUE);
                if (younger != Long.MAX_VALUE && younger + slack < older) {
                    inversions++;
                }
            }
        }
        return inversions;
    }
}
