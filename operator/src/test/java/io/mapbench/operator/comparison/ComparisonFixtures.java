package io.mapbench.operator.comparison;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkResultSpec;
import io.mapbench.operator.api.v1alpha1.ScheduleMetadata;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** BenchmarkResult objects with hand-written ns/op samples for comparison tests. */
final class ComparisonFixtures {

    private ComparisonFixtures() {
    }

    static BenchmarkResult result(String name, String run, String runUid, String cluster, String goVersion, String created,
            String schedule, Map<String, double[]> samples) {
        BenchmarkResult r = new BenchmarkResult();
        r.getMetadata().setName(name);
        r.getMetadata().setNamespace("team-a");
        r.getMetadata().setCreationTimestamp(created);
        Map<String, String> labels = new HashMap<>();
        if (schedule != null) {
            labels.put(ScheduleMetadata.SCHEDULE_LABEL, schedule);
        }
        r.getMetadata().setLabels(labels);
        BenchmarkResultSpec spec = new BenchmarkResultSpec();
        spec.setRun(run);
        spec.setRunUid(runUid);
        spec.setCluster(cluster);
        spec.setGoVersion(goVersion);
        spec.setResult(document(samples));
        r.setSpec(spec);
        return r;
    }

    static ObjectNode document(Map<String, double[]> samples) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode();
        ArrayNode benchmarks = doc.putArray("benchmarks");
        samples.forEach((name, values) -> {
            ObjectNode b = benchmarks.addObject();
            b.put("name", name);
            ArrayNode s = b.putArray("samples");
            for (double v : values) {
                s.addObject().put("iterations", 1000).put("nsPerOp", v);
            }
        });
        return doc;
    }

    static Map<String, double[]> samples(Object... nameThenValues) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValues.length; i += 2) {
            m.put((String) nameThenValues[i], (double[]) nameThenValues[i + 1]);
        }
        return m;
    }
}
