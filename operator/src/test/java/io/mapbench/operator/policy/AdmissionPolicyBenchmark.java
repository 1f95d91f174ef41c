package io.mapbench.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mapbench.operator.policy.PolicyFixtures.DecisionCase;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Kept benchmark (not a test; run by policies/bench.sh): decision latency of the real compiled
 * policy evaluated in-process, over 10,000 evaluations cycling through the shared decision cases
 * after a warm-up, and the memory the policy pool holds. Prints figures; asserts nothing.
 *
 * <p>Arguments: [evaluations (10000)] [pool size for the memory figure (4)].
 */
public final class AdmissionPolicyBenchmark {
    private static final int WARMUP_EVALUATIONS = 3_000;

    private AdmissionPolicyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int evaluations = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int poolSize = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        PolicyBundle bundle = PolicyFixtures.distBundle();
        List<JsonNode> inputs = PolicyFixtures.sharedCases().stream().map(DecisionCase::input).toList();
        List<String> names = PolicyFixtures.sharedCases().stream().map(DecisionCase::name).toList();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        System.out.printf("policy %s: module %d bytes, data %d bytes, %d shared cases as inputs%n",
                bundle.revision(), bundle.module().length, bundle.data().length(), inputs.size());
        System.out.printf("java %s, %d CPUs%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        // Load once before measuring memory, so class loading of the SDK and Chicory is not counted.
        AdmissionPolicy.load(bundle, 1).close();
        long heapBefore = usedHeapAfterGc(memory);
        long nonHeapBefore = memory.getNonHeapMemoryUsage().getUsed();

        long loadStart = System.nanoTime();
        AdmissionPolicy policy = AdmissionPolicy.load(bundle, poolSize);
        long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
        long heapOne = usedHeapAfterGc(memory);
        policy.fillPool(poolSize);
        long heapFull = usedHeapAfterGc(memory);
        long nonHeapFull = memory.getNonHeapMemoryUsage().getUsed();

        System.out.printf("load (probe + first compiled instance): %d ms%n", loadMillis);
        System.out.printf("heap held by the policy with 1 instance: %.1f MiB; with %d instances: %.1f MiB"
                        + " (%.1f MiB per extra instance); non-heap growth (generated classes): %.1f MiB%n",
                mib(heapOne - heapBefore), poolSize, mib(heapFull - heapBefore),
                mib(heapFull - heapOne) / Math.max(1, poolSize - 1), mib(nonHeapFull - nonHeapBefore));

        for (int i = 0; i < WARMUP_EVALUATIONS; i++) {
            policy.evaluate(inputs.get(i % inputs.size()));
        }
        long[] nanos = new long[evaluations];
        long denied = 0;
        long start = System.nanoTime();
        for (int i = 0; i < evaluations; i++) {
            long t0 = System.nanoTime();
            AdmissionDecision decision = policy.evaluate(inputs.get(i % inputs.size()));
            nanos[i] = System.nanoTime() - t0;
            denied += decision.allowed() ? 0 : 1;
        }
        long totalNanos = System.nanoTime() - start;
        // Median per shared case (every case is evaluated evaluations / cases times).
        for (int c = 0; c < inputs.size(); c++) {
            long[] own = new long[(evaluations - c + inputs.size() - 1) / inputs.size()];
            for (int i = c, j = 0; i < evaluations; i += inputs.size(), j++) {
                own[j] = nanos[i];
            }
            Arrays.sort(own);
            System.out.printf(Locale.ROOT, "  %-40s p50 %.3f ms, p99 %.3f ms%n", names.get(c),
                    ms(percentile(own, 50)), ms(percentile(own, 99)));
        }
        Arrays.sort(nanos);
        // Tail latencies on a shared machine mostly measure CPU contention: print it alongside.
        System.out.printf(Locale.ROOT, "system load average (1 min) at the end: %.1f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "%d evaluations (single thread, after %d warm-up; %d denied):"
                        + " p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms, %.0f decisions/s%n",
                evaluations, WARMUP_EVALUATIONS, denied, ms(percentile(nanos, 50)), ms(percentile(nanos, 90)),
                ms(percentile(nanos, 99)), ms(nanos[nanos.length - 1]), evaluations / (totalNanos / 1e9));
        // Instances keep the linear memory evaluations grew: measure the pool again after the run.
        long heapAfterRun = usedHeapAfterGc(memory);
        System.out.printf(Locale.ROOT, "heap held by the policy after the run (%d instances): %.1f MiB%n", poolSize,
                mib(heapAfterRun - heapBefore));
        policy.close();
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
