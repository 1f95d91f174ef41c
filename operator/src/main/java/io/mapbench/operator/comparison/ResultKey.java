package io.mapbench.operator.comparison;

import io.mapbench.operator.api.v1alpha1.BenchmarkResult;

/** What a result is matched with its baseline on: the (cluster, Go version) of its job. */
public record ResultKey(String cluster, String goVersion) {

    public static ResultKey of(BenchmarkResult result) {
        return new ResultKey(result.getSpec().getCluster(), result.getSpec().getGoVersion());
    }

    @Override
    public String toString() {
        return cluster + "/" + goVersion;
    }
}
