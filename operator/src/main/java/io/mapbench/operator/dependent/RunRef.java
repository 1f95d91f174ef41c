package io.mapbench.operator.dependent;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import java.util.Objects;

/**
 * The identity of a run as remote objects carry it (owner references cannot cross clusters):
 * the hub it belongs to, its namespace, name and UID.
 */
public record RunRef(String hub, String namespace, String name, String uid) {
    public RunRef {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
    }

    public static RunRef of(String hub, BenchmarkRun run) {
        return new RunRef(hub, run.getMetadata().getNamespace(), run.getMetadata().getName(), run.getMetadata().getUid());
    }
}
