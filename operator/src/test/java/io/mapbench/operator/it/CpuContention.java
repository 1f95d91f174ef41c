package io.mapbench.operator.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Busy threads competing for this machine's cores with everything else on it (the local clusters'
 * workload pods included): the noisy neighbour that slows a benchmark on a shared node. Closing it
 * stops and joins the threads.
 */
final class CpuContention implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private final Instant since = Instant.now();
    private volatile boolean stopped;
    /** Written by the busy loops so the JIT cannot drop them. */
    static volatile long sink;

    private CpuContention(int count) {
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::spin, "cpu-contention-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    static CpuContention start(int threads) {
        return new CpuContention(threads);
    }

    /** When the threads started spinning. */
    Instant since() {
        return since;
    }

    private void spin() {
        long x = System.nanoTime();
        while (!stopped) {
            for (int i = 0; i < 1_000_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink = x;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
            t.join();
        }
    }
}
