package io.mapbench.operator.config;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether this replica holds the leader-election Lease. Without leader election every replica is
 * the only one, so it leads from the start; with it, {@link LeaderElectionConfig} reports the
 * acquired Lease. A lost Lease ends the process, so leadership never goes back to false.
 * What only the leader may do (export result gauges) waits for {@link #whenLeading}.
 */
@Singleton
public class Leadership {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean leading;

    @Inject
    public Leadership(MapbenchConfig config) {
        this(!config.leaderElection().enabled());
    }

    Leadership(boolean leading) {
        this.leading = leading;
    }

    /** A replica that needs no Lease; for tests and tools. */
    public static Leadership alone() {
        return new Leadership(true);
    }

    public boolean leading() {
        return leading;
    }

    /** Runs {@code action} now if this replica leads, else once it acquires the Lease. */
    public void whenLeading(Runnable action) {
        listeners.add(action);
        if (leading) {
            action.run();
        }
    }

    void acquired() {
        if (leading) {
            return;
        }
        leading = true;
        listeners.forEach(Runnable::run);
    }
}
