package io.mapbench.operator.comparison;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ns/op samples of each benchmark of a result document ({@code benchmarks[].samples[].nsPerOp}), by name in document order. */
public final class ResultSamples {

    private ResultSamples() {
    }

    public static Map<String, double[]> nsPerOp(JsonNode document) {
        Map<String, double[]> samples = new LinkedHashMap<>();
        if (document == null) {
            return samples;
        }
        for (JsonNode benchmark : document.path("benchmarks")) {
            String name = benchmark.path("name").asText(null);
            JsonNode list = benchmark.path("samples");
            if (name == null || !list.isArray() || list.isEmpty()) {
                continue;
            }
            double[] values = new double[list.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode value = list.get(i).path("nsPerOp");
                if (!value.isNumber()) {
                    throw new IllegalArgumentException("benchmarks[" + name + "].samples[" + i + "].nsPerOp is not a number");
                }
                values[i] = value.asDouble();
            }
            samples.put(name, values);
        }
        return samples;
    }
}
