package io.mapbench.operator.testfixtures;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.mapbench.operator.api.v1alpha1.Assignment;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.ComputeResources;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.MemberClusterSpec;
import io.mapbench.operator.api.v1alpha1.MemberClusterStatus;
import io.mapbench.operator.api.v1alpha1.PlacementSpec;
import io.mapbench.operator.api.v1alpha1.ResourcesSpec;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.api.v1alpha1.Suite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Builders of API objects for the pure-logic tests (no cluster involved). */
public final class RunFixtures {
    public static final String HUB = "hub";

    private RunFixtures() {
    }

    /** A run created at {@code created} (RFC 3339) with suite smoke and Go 1.26. */
    public static BenchmarkRun run(String namespace, String name, String uid, String created) {
        BenchmarkRun run = new BenchmarkRun();
        run.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withUid(uid)
                .withCreationTimestamp(created).withGeneration(1L).build());
        BenchmarkRunSpec spec = new BenchmarkRunSpec();
        spec.setSuite(Suite.SMOKE);
        spec.setGoVersions(List.of("1.26"));
        run.setSpec(spec);
        return run;
    }

    public static BenchmarkRun run(String name, String created) {
        return run("perf", name, "uid-" + name, created);
    }

    public static BenchmarkRun withPlacement(BenchmarkRun run, LabelSelector selector, List<String> clusters, Integer max) {
        PlacementSpec p = new PlacementSpec();
        p.setClusterSelector(selector);
        p.setClusters(clusters);
        p.setMaxClusters(max);
        run.getSpec().setPlacement(p);
        return run;
    }

    /** Gives the run an admitted assignment and a phase, as the reconciler stores them. */
    public static BenchmarkRun assigned(BenchmarkRun run, RunPhase phase, String... clusters) {
        BenchmarkRunStatus status = new BenchmarkRunStatus();
        Assignment a = new Assignment();
        a.setClusters(List.of(clusters));
        a.setGoVersions(List.of("1.26.8"));
        status.setAssignment(a);
        status.setPhase(phase);
        run.setStatus(status);
        return run;
    }

    /** A phase recorded for the run's current generation, as the reconciler writes it. */
    public static BenchmarkRun withPhase(BenchmarkRun run, RunPhase phase) {
        BenchmarkRunStatus status = new BenchmarkRunStatus();
        status.setPhase(phase);
        status.setObservedGeneration(run.getMetadata().getGeneration());
        run.setStatus(status);
        return run;
    }

    public static BenchmarkRun withResources(BenchmarkRun run, String cpu, String memory) {
        ComputeResources r = new ComputeResources();
        r.setCpu(new Quantity(cpu));
        r.setMemory(new Quantity(memory));
        ResourcesSpec resources = new ResourcesSpec();
        resources.setRequests(r);
        resources.setLimits(r);
        run.getSpec().setResources(resources);
        return run;
    }

    /** A MemberCluster with a Ready condition and a capacity of {@code maxConcurrentRuns}. */
    public static MemberCluster cluster(String name, boolean ready, int maxConcurrentRuns, Map<String, String> labels) {
        MemberCluster c = new MemberCluster();
        c.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels).build());
        MemberClusterSpec spec = new MemberClusterSpec();
        spec.setMaxConcurrentRuns(maxConcurrentRuns);
        spec.setNamespace("mapbench-workloads");
        c.setSpec(spec);
        MemberClusterStatus status = new MemberClusterStatus();
        status.getConditions().add(new Condition(ConditionTypes.READY, ready ? ConditionStatus.True : ConditionStatus.False,
                ready ? "ProbeSucceeded" : "Unreachable", "", 1L, "2026-11-25T08:00:00Z"));
        c.setStatus(status);
        return c;
    }

    public static MemberCluster cloud(String name) {
        return cluster(name, true, 1, Map.of("mapbench.io/tier", "cloud"));
    }

    /** An edge cluster whose pods need a toleration and a node selector. */
    public static MemberCluster edge(String name) {
        MemberCluster c = cluster(name, true, 1, Map.of("mapbench.io/tier", "edge"));
        Toleration t = new Toleration("NoSchedule", "mapbench.io/edge", "Equal", null, "true");
        c.getSpec().setTolerations(List.of(t));
        c.getSpec().setNodeSelector(Map.of("node-role.kubernetes.io/edge", "", "kubernetes.io/arch", "arm64"));
        return c;
    }

    /** A test resource under mapbench-fixtures/. */
    public static String resource(String name) {
        try (InputStream in = RunFixtures.class.getClassLoader().getResourceAsStream("mapbench-fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource mapbench-fixtures/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
