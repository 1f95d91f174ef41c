package io.mapbench.operator.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * All of mapbench's own operator settings, `mapbench.*` in application.properties or
 * MAPBENCH_* environment variables (e.g. MAPBENCH_OPERATOR_NAMESPACE, MAPBENCH_POLICY_ENABLED).
 */
@ConfigMapping(prefix = "mapbench")
public interface MapbenchConfig {

    /**
     * Default repository of workload images `<repository>/mapbench-workload:go1.N.P` when a run
     * names none. The local clusters map any repository to the locally built binaries.
     */
    @WithDefault("mapbench.local")
    String imageRepository();

    /**
     * Supported Go toolchains, 1.N.P. Default: the list in workload/go-versions.txt, which the
     * build copies onto the classpath ({@link GoVersionsConfigSource}); set it only to narrow the
     * list for one installation.
     */
    List<String> goVersions();

    /** Namespace of the operator: member kubeconfig Secrets and policy ConfigMaps live here. */
    @WithDefault("mapbench-system")
    String operatorNamespace();

    /**
     * How long a member cluster may stay unreachable before its unfinished jobs become Lost and
     * before deletion of a run stops waiting for that cluster's remote objects.
     */
    @WithDefault("2m")
    Duration unreachableDeadline();

    /** Largest accepted workload result document (the workload contract says 1 MiB). */
    @WithDefault("1M")
    MemorySize resultSizeLimit();

    /** Resources of workload pods when a run sets none (requests = limits). */
    Workload workload();

    /** The admission policy gate. */
    Policy policy();

    /** Leader election among operator replicas (the Helm chart turns it on when replicas > 1). */
    LeaderElection leaderElection();

    /** Timing and parallelism of the run controller (admission, execution, cleanup). */
    Run run();

    /** What /q/metrics exports from the stored BenchmarkResults. */
    Metrics metrics();

    interface Metrics {
        /**
         * How many of the most recent one-off runs (runs without a schedule) keep their result series;
         * older runs' results stay stored but leave /q/metrics. Schedules always keep one series per
         * schedule, cluster, Go version and benchmark. 0 exports no one-off run at all.
         */
        @WithDefault("20")
        @WithName("one-off-runs")
        int oneOffRuns();
    }

    interface Run {
        /** A run the policy could not judge (missing or broken) is looked at again this often; a fixed policy triggers at once. */
        @WithDefault("30s")
        Duration policyRetry();

        /**
         * How long a completed Job's succeeded pod may be missing from the member's cache before its
         * result is given up as ResultUnavailable (the pod's event normally follows within seconds).
         */
        @WithDefault("60s")
        Duration resultGrace();

        /** Failed reads of one job's log before its result is given up as ResultUnavailable. */
        @WithDefault("5")
        int resultAttempts();

        /** After a failed call to a member (or a failed result read), that cluster is tried again after this (doubling per failed read). */
        @WithDefault("5s")
        Duration memberRetry();

        /** A finished run whose remote objects could not be deleted (member unreachable) is tried again this often. */
        @WithDefault("5m")
        Duration cleanupRetry();

        /** While a deleted run's remote objects cannot be deleted, deletion is retried this often (bounded by the unreachable deadline). */
        @WithDefault("5s")
        Duration deletionRetry();

        /** How long an admission holds its slots without the informer cache showing it (a last resort; normally milliseconds). */
        @WithDefault("60s")
        Duration reservationMaxAge();

        /** Member clusters of one run worked on at the same time (dispatch, observation, result reads). */
        @WithDefault("4")
        int clusterParallelism();
    }

    /** How the hub talks to and checks its member clusters. */
    Member member();

    interface Member {
        /** How often a healthy member is probed again (its Secret re-read, its permissions reviewed). */
        @WithDefault("30s")
        Duration probePeriod();

        /** Longest wait between probes of a failing member (the wait doubles from 2 s up to this). */
        @WithDefault("60s")
        Duration maxBackoff();

        /**
         * A probe writes MemberCluster status only when something in it changed; at most this
         * often it writes anyway, to refresh status.lastProbeTime (proof the probe still runs).
         */
        @WithDefault("5m")
        Duration statusRefresh();

        /** How long a probe waits for a fresh connection's Job/Pod caches before reporting CachesNotSynced. */
        @WithDefault("10s")
        Duration syncTimeout();

        /** TCP/TLS connect timeout of calls to a member. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Timeout of one request to a member: a reconcile must not hang on a slow edge link. */
        @WithDefault("10s")
        Duration requestTimeout();

        /**
         * Event-loop threads of the one Vert.x all member clients share (instead of a Vert.x per
         * member). Fabric8 parses member responses and watch events on them, so more than one
         * keeps a large response from delaying every other member's.
         */
        @WithDefault("2")
        int eventLoops();

        /**
         * Median probe round trip (version + node list) at or above which the member is Degraded
         * (SlowLink); it clears below half of it. Loopback members answer in tens of milliseconds.
         */
        @WithDefault("500ms")
        Duration slowProbe();

        /** Probes judged for the Degraded condition: those of the last this long. */
        @WithDefault("5m")
        Duration degradedWindow();

        /**
         * Probes that must fail in a row before Ready turns False (Unreachable); fewer leave the
         * member Ready and Degraded (IntermittentProbeFailures), so a short blackout on an edge
         * link does not stop placement or flap Ready.
         */
        @WithDefault("3")
        int unreachableAfter();
    }

    interface Workload {
        /** CPU of each workload pod when the run sets no resources. */
        @WithDefault("1")
        String cpu();

        /** Memory of each workload pod when the run sets no resources. */
        @WithDefault("512Mi")
        String memory();
    }

    interface LeaderElection {
        /**
         * true: only the holder of the Lease reconciles, the other replicas stand by and take
         * over when it stops renewing. Needs get/update on the Lease and create on leases in
         * its namespace.
         */
        @WithDefault("false")
        boolean enabled();

        /** Name of the coordination.k8s.io Lease; a DNS label. */
        @WithDefault("mapbench-operator-lease")
        String leaseName();

        /** Namespace of the Lease; default: {@link MapbenchConfig#operatorNamespace()}. */
        Optional<String> leaseNamespace();

        /**
         * This replica's name in the Lease; must differ between replicas (the chart passes the
         * pod name). Default: the SDK's, $HOSTNAME, which replicas sharing one host would share.
         */
        Optional<String> identity();
    }

    interface Policy {
        /**
         * false: runs are admitted without asking OPA, with reason PolicyDisabled in status
         * (for development only; the policy fails closed when enabled).
         */
        @WithName("enabled")
        @WithDefault("true")
        boolean enabled();
    }
}
