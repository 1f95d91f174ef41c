package io.mapbench.operator.reconciler;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.ComputeResources;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.NodeInfo;
import io.mapbench.operator.work.Catalog;
import io.mapbench.operator.work.WorkEstimate;
import io.mapbench.operator.work.WorkPlan;

/**
 * The admission policy's input document (policies/README.md, policies/testdata/cases): the run,
 * its resources as normalised numbers, the proposed clusters with tier, labels and capacity, the
 * namespace's labels and active-run count, and the work estimate from the workload catalog.
 * Reads the namespace from the hub; everything else comes from caches.
 */
final class PolicyInput {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final KubernetesClient hub;
    private final Catalog catalog = Catalog.bundled();

    PolicyInput(KubernetesClient hub) {
        this.hub = hub;
    }

    JsonNode build(BenchmarkRun run, List<String> proposed, List<MemberCluster> clusters, List<BenchmarkRun> runs) {
        ObjectNode input = JSON.objectNode();
        ObjectNode r = input.putObject("run");
        ObjectNode meta = r.putObject("metadata");
        meta.put("name", run.getMetadata().getName());
        meta.put("namespace", run.getMetadata().getNamespace());
        meta.set("labels", hub.getKubernetesSerialization().convertValue(
                run.getMetadata().getLabels() == null ? Map.of() : run.getMetadata().getLabels(), JsonNode.class));
        r.set("spec", hub.getKubernetesSerialization().convertValue(run.getSpec(), JsonNode.class));

        ObjectNode resources = input.putObject("resources");
        if (run.getSpec().getResources() != null) {
            resources.set("requests", numbers(run.getSpec().getResources().getRequests()));
            resources.set("limits", numbers(run.getSpec().getResources().getLimits()));
        }

        ArrayNode out = input.putArray("clusters");
        for (String name : proposed) {
            MemberCluster mc = clusters.stream().filter(c -> name.equals(c.getMetadata().getName())).findFirst()
                    .orElseThrow();
            ObjectNode c = out.addObject();
            Map<String, String> labels = mc.getMetadata().getLabels() == null ? Map.of() : mc.getMetadata().getLabels();
            c.put("name", name);
            c.put("tier", labels.getOrDefault(MemberCluster.TIER_LABEL, "cloud"));
            c.set("labels", hub.getKubernetesSerialization().convertValue(labels, JsonNode.class));
            ObjectNode capacity = c.putObject("capacity");
            List<NodeInfo> nodes = mc.getStatus() == null ? List.of() : mc.getStatus().getNodes();
            capacity.put("cpuMillis", nodes.stream().map(NodeInfo::getAllocatableCpu).filter(Objects::nonNull)
                    .mapToLong(q -> millis(new Quantity(q))).sum());
            capacity.put("memoryBytes", nodes.stream().map(NodeInfo::getAllocatableMemory).filter(Objects::nonNull)
                    .mapToLong(q -> Quantity.getAmountInBytes(new Quantity(q)).longValue()).sum());
            capacity.put("nodes", nodes.size());
        }

        String ns = run.getMetadata().getNamespace();
        Namespace namespace = hub.namespaces().withName(ns).get();
        ObjectNode n = input.putObject("namespace");
        n.put("name", ns);
        n.set("labels", hub.getKubernetesSerialization().convertValue(
                namespace == null || namespace.getMetadata().getLabels() == null ? Map.of()
                        : namespace.getMetadata().getLabels(), JsonNode.class));
        n.put("activeRuns", runs.stream()
                .filter(o -> ns.equals(o.getMetadata().getNamespace()))
                .filter(o -> !o.getMetadata().getUid().equals(run.getMetadata().getUid()))
                .filter(o -> o.getStatus() != null && o.getStatus().getAssignment() != null)
                .filter(o -> o.getStatus().getPhase() == null || !o.getStatus().getPhase().isFinished())
                .count());

        WorkEstimate estimate = WorkEstimate.of(catalog, WorkPlan.of(catalog, run.getSpec()),
                Math.max(1, run.getSpec().getGoVersions().size()));
        ObjectNode e = input.putObject("estimate");
        e.put("benchmarks", estimate.benchmarks());
        e.put("largestSize", estimate.largestSize());
        e.put("cpuSeconds", estimate.cpuSeconds());
        return input;
    }

    private static ObjectNode numbers(ComputeResources r) {
        ObjectNode o = JSON.objectNode();
        if (r != null && r.getCpu() != null) {
            o.put("cpuMillis", millis(r.getCpu()));
        }
        if (r != null && r.getMemory() != null) {
            o.put("memoryBytes", Quantity.getAmountInBytes(r.getMemory()).longValue());
        }
        return o;
    }

    private static long millis(Quantity cpu) {
        return Quantity.getAmountInBytes(cpu).multiply(BigDecimal.valueOf(1000)).longValue();
    }
}
