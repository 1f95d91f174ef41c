package io.mapbench.operator.config;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Leader election for the operator SDK from {@code mapbench.leader-election.*}. QOSDK looks up a
 * {@link LeaderElectionConfiguration} bean at start-up (in the profiles of
 * {@code quarkus.operator-sdk.activate-leader-election-for-profiles}, default {@code prod}); a
 * {@code null} bean means no leader election, so every replica would reconcile — which is why the
 * chart allows more than one replica only with this enabled.
 */
@Singleton
public class LeaderElectionConfig {
    private static final Logger LOG = Logger.getLogger(LeaderElectionConfig.class);
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    @Produces
    @Dependent
    LeaderElectionConfiguration leaderElection(MapbenchConfig config, Leadership leadership) {
        return of(config, leadership::acquired).orElse(null);
    }

    LeaderElectionConfiguration leaderElection(MapbenchConfig config) {
        return of(config).orElse(null);
    }

    /**
     * A replica that lost the Lease while running must stop reconciling at once: it exits (status
     * 1, Kubernetes restarts it as a stand-by). The exit runs on a thread of its own, so when the
     * lease ends because the operator is already shutting down, that exit merely waits for the
     * shutdown in progress instead of blocking it.
     */
    static void exitAfterLostLease() {
        LOG.warn("lost the leader-election Lease: exiting so that only the new leader reconciles");
        Thread exit = new Thread(() -> System.exit(1), "mapbench-lost-lease-exit");
        exit.setDaemon(true);
        exit.start();
    }

    /**
     * The SDK's configuration, empty when disabled. The Lease lives in the operator's namespace
     * unless another one is set; a lost lease ends the process ({@link #exitAfterLostLease}) so
     * Kubernetes restarts it as a stand-by instead of leaving two leaders.
     */
    public static Optional<LeaderElectionConfiguration> of(MapbenchConfig config) {
        return of(config, () -> {
        });
    }

    /** As {@link #of(MapbenchConfig)}, calling {@code onStartLeading} when this replica acquires the Lease. */
    public static Optional<LeaderElectionConfiguration> of(MapbenchConfig config, Runnable onStartLeading) {
        MapbenchConfig.LeaderElection le = config.leaderElection();
        if (!le.enabled()) {
            return Optional.empty();
        }
        String name = le.leaseName();
        if (!DNS_LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException("mapbench.leader-election.lease-name: '" + name
                    + "' is not a valid Lease name; allowed: a DNS label (lowercase letters, digits and '-',"
                    + " at most 63 characters, starting and ending with a letter or digit)");
        }
        String namespace = le.leaseNamespace().orElse(config.operatorNamespace());
        LeaderElectionConfigurationBuilder builder = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(name)
                .withLeaseNamespace(namespace)
                // The SDK's own exit calls System.exit on the thread that reports the lost lease;
                // during a normal shutdown (SIGTERM, rollout) that is the shutdown hook itself, and
                // System.exit from a shutdown hook blocks forever: the pod would hang until killed.
                .withExitOnStopLeading(false)
                .withLeaderCallbacks(new LeaderCallbacks(onStartLeading, LeaderElectionConfig::exitAfterLostLease, newLeader -> {
                }));
        le.identity().filter(id -> !id.isBlank()).ifPresent(builder::withIdentity);
        return Optional.of(builder.build());
    }
}
