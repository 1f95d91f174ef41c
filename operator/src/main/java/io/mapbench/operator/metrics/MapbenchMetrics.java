package io.mapbench.operator.metrics;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * mapbench's fleet meters at /q/metrics (DESIGN.md "Metrics"): runs, policy, member clusters.
 * Gauges read values this class holds strongly (Micrometer keeps only weak references by
 * default). The result gauges are {@link ResultMetrics}, derived from the stored BenchmarkResults.
 */
@Singleton
public class MapbenchMetrics {
    public static final String RUNS = "mapbench.runs";
    public static final String RUNS_FINISHED = "mapbench.runs.finished";
    public static final String POLICY_DENIALS = "mapbench.policy.denials";
    public static final String MEMBER_CLUSTER_UP = "mapbench.member.cluster.up";
    public static final String POLICY_ENABLED = "mapbench.policy.enabled";
    public static final String POLICY_AVAILABLE = "mapbench.policy.available";

    private final MeterRegistry registry;
    private final Map<RunPhase, AtomicLong> runsByPhase = new EnumMap<>(RunPhase.class);
    private final Map<String, Series> clusterUp = new ConcurrentHashMap<>();
    private final AtomicDoubleHolder policyEnabled = new AtomicDoubleHolder(0);
    private final AtomicDoubleHolder policyAvailable = new AtomicDoubleHolder(0);
    /** When bound, mapbench_runs{phase} is counted from these runs at scrape time (an informer cache). */
    private volatile Supplier<? extends Collection<BenchmarkRun>> runSource;

    private record Series(Meter meter, AtomicDoubleHolder value) {
    }

    /** A mutable double a gauge can read (Micrometer has no AtomicDouble of its own). */
    static final class AtomicDoubleHolder {
        private volatile double value;

        AtomicDoubleHolder(double value) {
            this.value = value;
        }

        double get() {
            return value;
        }

        void set(double value) {
            this.value = value;
        }
    }

    public MapbenchMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RunPhase phase : RunPhase.values()) {
            AtomicLong count = new AtomicLong();
            runsByPhase.put(phase, count);
            Gauge.builder(RUNS, count, c -> countOf(phase, c))
                    .description("BenchmarkRuns on this hub by phase")
                    .tag("phase", phase.name())
                    .strongReference(true)
                    .register(registry);
        }
        // Every finished result exists from the start at 0: a counter that first appears at 1
        // hides its first increase from increase()/rate() (the first failure after a restart).
        for (RunPhase phase : RunPhase.values()) {
            if (phase.isFinished()) {
                finishedCounter(phase);
            }
        }
        // Both 0 until the PolicyStore says otherwise: an operator that has not read its policy
        // yet admits nothing, and must not look available.
        Gauge.builder(POLICY_ENABLED, policyEnabled, AtomicDoubleHolder::get)
                .description("1 when the admission policy gate is on (mapbench.policy.enabled=true)")
                .strongReference(true)
                .register(registry);
        Gauge.builder(POLICY_AVAILABLE, policyAvailable, AtomicDoubleHolder::get)
                .description("1 when a valid admission policy is loaded; 0 while it is missing, corrupt or failing"
                        + " (nothing is admitted) and when the gate is disabled")
                .strongReference(true)
                .register(registry);
    }

    /**
     * Counts mapbench_runs{phase} from {@code runs} whenever Prometheus scrapes, e.g. from the
     * BenchmarkRun informer cache, so the gauge is never stale and needs no update calls. A run
     * without a phase yet counts as Pending.
     */
    public void countRunsFrom(Supplier<? extends Collection<BenchmarkRun>> runs) {
        this.runSource = runs;
    }

    private double countOf(RunPhase phase, AtomicLong pushed) {
        Supplier<? extends Collection<BenchmarkRun>> source = runSource;
        if (source == null) {
            return pushed.get();
        }
        return source.get().stream().filter(r -> phaseOf(r) == phase).count();
    }

    private static RunPhase phaseOf(BenchmarkRun run) {
        RunPhase phase = run.getStatus() == null ? null : run.getStatus().getPhase();
        return phase == null ? RunPhase.Pending : phase;
    }

    /** Sets mapbench_runs{phase} from a count of the hub's runs; phases not in the map become 0. */
    public void setRunCounts(Map<RunPhase, Long> counts) {
        runsByPhase.forEach((phase, value) -> value.set(counts.getOrDefault(phase, 0L)));
    }

    /** Counts a run that just reached a finished phase (call once, on the transition). */
    public void runFinished(RunPhase result) {
        if (!result.isFinished()) {
            throw new IllegalArgumentException("runFinished: " + result + " is not a finished phase");
        }
        finishedCounter(result).increment();
    }

    private Counter finishedCounter(RunPhase result) {
        return Counter.builder(RUNS_FINISHED).description("BenchmarkRuns that finished, by result")
                .tag("result", result.name()).register(registry);
    }

    /** Counts a denial per violated rule (a run violating two rules counts for both). */
    public void policyDenied(String rule) {
        Counter.builder(POLICY_DENIALS).description("Admission policy denials by rule")
                .tag("rule", rule).register(registry).increment();
    }

    /**
     * mapbench_policy_enabled and mapbench_policy_available. A disabled gate exports available 0
     * with enabled 0, so "no policy to enforce" never looks like "a policy is enforced"; the
     * MapbenchPolicyUnavailable alert fires on enabled - available > 0 only.
     */
    public void policyState(boolean enabled, boolean available) {
        policyEnabled.set(enabled ? 1 : 0);
        policyAvailable.set(enabled && available ? 1 : 0);
    }

    /** mapbench_member_cluster_up{cluster,tier}: 1 when the member's Ready condition is True. */
    public void memberClusterUp(String cluster, String tier, boolean up) {
        String key = cluster;
        Series existing = clusterUp.get(key);
        String tierValue = nullToEmpty(tier);
        if (existing != null && !tierValue.equals(existing.meter().getId().getTag("tier"))) {
            registry.remove(existing.meter()); // relabelled cluster: the old tier's series goes
            clusterUp.remove(key);
            existing = null;
        }
        if (existing == null) {
            AtomicDoubleHolder holder = new AtomicDoubleHolder(0);
            Gauge gauge = Gauge.builder(MEMBER_CLUSTER_UP, holder, AtomicDoubleHolder::get)
                    .description("1 when the member cluster is reachable and probed (Ready=True)")
                    .tags("cluster", cluster, "tier", tierValue)
                    .strongReference(true)
                    .register(registry);
            existing = new Series(gauge, holder);
            clusterUp.put(key, existing);
        }
        existing.value().set(up ? 1 : 0);
    }

    /** Removes the series of a deleted MemberCluster. */
    public void removeMemberCluster(String cluster) {
        Series s = clusterUp.remove(cluster);
        if (s != null) {
            registry.remove(s.meter());
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
