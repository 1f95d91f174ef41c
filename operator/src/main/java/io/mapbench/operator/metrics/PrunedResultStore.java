package io.mapbench.operator.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkResultSpec;
import java.util.List;
import java.util.stream.Stream;

/**
 * The result informer's cache, holding each BenchmarkResult without what the metrics never read:
 * a stored result document is up to 1 MiB (samples, observations, claims, escape facts), while
 * the gauges need only each benchmark's identity and summary statistics. Managed fields and
 * annotations go too. The informer still hands the full object to its handlers; only the copy it
 * keeps is pruned.
 */
final class PrunedResultStore implements ItemStore<BenchmarkResult> {
    /** What each benchmark of spec.result keeps (ResultSeries reads these). */
    private static final List<String> BENCHMARK_FIELDS = List.of("name", "scenario", "variant", "keyType", "valueType", "size",
            "stats");

    private final BasicItemStore<BenchmarkResult> store = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

    static BenchmarkResult prune(BenchmarkResult full) {
        BenchmarkResult pruned = new BenchmarkResult();
        ObjectMeta m = full.getMetadata();
        pruned.setMetadata(new ObjectMetaBuilder().withName(m.getName()).withNamespace(m.getNamespace())
                .withUid(m.getUid()).withResourceVersion(m.getResourceVersion())
                .withCreationTimestamp(m.getCreationTimestamp()).withLabels(m.getLabels()).build());
        BenchmarkResultSpec s = full.getSpec();
        if (s != null) {
            BenchmarkResultSpec spec = new BenchmarkResultSpec();
            spec.setRun(s.getRun());
            spec.setCluster(s.getCluster());
            spec.setGoVersion(s.getGoVersion());
            spec.setArch(s.getArch());
            spec.setMapImpl(s.getMapImpl());
            spec.setEmulation(s.getEmulation());
            spec.setComparison(s.getComparison());
            spec.setResult(benchmarksOnly(s.getResult()));
            pruned.setSpec(spec);
        }
        return pruned;
    }

    private static JsonNode benchmarksOnly(JsonNode document) {
        JsonNode benchmarks = document == null ? null : document.get("benchmarks");
        if (benchmarks == null || !benchmarks.isArray()) {
            return null;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode kept = out.putArray("benchmarks");
        for (JsonNode b : benchmarks) {
            ObjectNode k = kept.addObject();
            for (String f : BENCHMARK_FIELDS) {
                if (b.has(f)) {
                    k.set(f, b.get(f));
                }
            }
        }
        return out;
    }

    @Override
    public String getKey(BenchmarkResult obj) {
        return store.getKey(obj);
    }

    @Override
    public BenchmarkResult put(String key, BenchmarkResult obj) {
        return store.put(key, prune(obj));
    }

    @Override
    public BenchmarkResult remove(String key) {
        return store.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return store.keySet();
    }

    @Override
    public Stream<BenchmarkResult> values() {
        return store.values();
    }

    @Override
    public int size() {
        return store.size();
    }

    @Override
    public BenchmarkResult get(String key) {
        return store.get(key);
    }
}
