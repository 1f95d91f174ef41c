package io.mapbench.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.ComputeResources;
import io.mapbench.operator.api.v1alpha1.ResourcesSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the policy's input document (policies/README.md, "The input document") from what the
 * operator knows about a run: pure, no API calls. The work estimate and the facts about the
 * proposed clusters and the namespace are computed by the caller.
 */
public final class AdmissionInput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private AdmissionInput() {
    }

    /** A cluster placement proposes: tier is its {@code mapbench.io/tier} label. */
    public record Cluster(String name, String tier, Map<String, String> labels, long cpuMillis, long memoryBytes,
            int nodes) {
        public Cluster {
            Objects.requireNonNull(name, "name");
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    /** The run's namespace; activeRuns counts admitted, unfinished runs there, not this one. */
    public record Namespace(String name, Map<String, String> labels, int activeRuns) {
        public Namespace {
            Objects.requireNonNull(name, "name");
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    /**
     * Work one proposed cluster does for the run, all its Go versions together, from the catalog:
     * runnable (scenario, key type, value type, size) combinations x Go versions, the largest
     * size, and CPU-seconds rounded up.
     */
    public record WorkEstimate(long benchmarks, long largestSize, long cpuSeconds) {
    }

    public static ObjectNode of(BenchmarkRun run, List<Cluster> clusters, Namespace namespace, WorkEstimate estimate) {
        ObjectNode input = JSON.createObjectNode();
        ObjectNode runNode = input.putObject("run");
        ObjectNode metadata = runNode.putObject("metadata");
        metadata.put("name", run.getMetadata().getName());
        metadata.put("namespace", run.getMetadata().getNamespace());
        metadata.set("labels", JSON.valueToTree(run.getMetadata().getLabels() == null ? Map.of()
                : run.getMetadata().getLabels()));
        JsonNode spec = run.getSpec() == null ? JSON.createObjectNode() : JSON.valueToTree(run.getSpec());
        runNode.set("spec", spec);

        ObjectNode resources = input.putObject("resources");
        ResourcesSpec specResources = run.getSpec() == null ? null : run.getSpec().getResources();
        putNormalized(resources.putObject("requests"), specResources == null ? null : specResources.getRequests());
        putNormalized(resources.putObject("limits"), specResources == null ? null : specResources.getLimits());

        var clusterNodes = input.putArray("clusters");
        for (Cluster c : clusters) {
            ObjectNode node = clusterNodes.addObject();
            node.put("name", c.name());
            if (c.tier() != null) {
                node.put("tier", c.tier());
            }
            node.set("labels", JSON.valueToTree(c.labels()));
            ObjectNode capacity = node.putObject("capacity");
            capacity.put("cpuMillis", c.cpuMillis());
            capacity.put("memoryBytes", c.memoryBytes());
            capacity.put("nodes", c.nodes());
        }

        ObjectNode ns = input.putObject("namespace");
        ns.put("name", namespace.name());
        ns.set("labels", JSON.valueToTree(namespace.labels()));
        ns.put("activeRuns", namespace.activeRuns());

        ObjectNode work = input.putObject("estimate");
        work.put("benchmarks", estimate.benchmarks());
        work.put("largestSize", estimate.largestSize());
        work.put("cpuSeconds", estimate.cpuSeconds());
        return input;
    }

    /** CPU in millicores, rounded up as Kubernetes does ("500m" -> 500, "1.5" -> 1500). */
    public static long cpuMillis(Quantity cpu) {
        return Quantity.getAmountInBytes(cpu).multiply(THOUSAND).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** Memory in bytes, rounded up ("1Gi" -> 1073741824, "1G" -> 1000000000). */
    public static long memoryBytes(Quantity memory) {
        return Quantity.getAmountInBytes(memory).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    // A key is present exactly when the spec has the quantity (the policy's resources-set rule
    // reports the missing ones).
    private static void putNormalized(ObjectNode target, ComputeResources quantities) {
        if (quantities == null) {
            return;
        }
        if (quantities.getCpu() != null) {
            target.put("cpuMillis", cpuMillis(quantities.getCpu()));
        }
        if (quantities.getMemory() != null) {
            target.put("memoryBytes", memoryBytes(quantities.getMemory()));
        }
    }
}
