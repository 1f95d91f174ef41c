package io.mapbench.operator.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON has no NaN or Infinity, but a number beyond the double range (1e999) is read as ±Infinity
 * and passes a schema's "type": "number". Such a statistic would become a +Inf gauge and a
 * BenchmarkResult no one can compare; the document is rejected naming the field instead.
 */
final class FiniteNumbers {
    private FiniteNumbers() {
    }

    /** @throws ResultDocumentException at the first number that is not finite */
    static void require(JsonNode document) {
        check(document, "");
    }

    private static void check(JsonNode node, String path) {
        if (node.isNumber()) {
            if (!Double.isFinite(node.asDouble()) && (node.isDouble() || node.isFloat())) {
                throw new ResultDocumentException(path.isEmpty() ? "(document)" : path,
                        "number out of range (beyond ±1.8e308, read as " + node.asDouble() + "); allowed: finite numbers");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                check(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey());
            }
        }
    }
}
