package io.mapbench.operator.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Pod log in, validated {@link ResultDocument} out: extract between the markers, enforce the size
 * limit, parse, validate against the workload's JSON Schema, read the typed parts. Thread-safe.
 */
public final class ResultReader {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private final ResultSchema schema;
    private final long maxBytes;

    /**
     * @param maxBytes the configured size limit ({@link ResultExtractor#DEFAULT_MAX_BYTES} by default)
     */
    public ResultReader(ResultSchema schema, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("result size limit: " + maxBytes + " bytes (must be at least 1)");
        }
        this.schema = schema;
        this.maxBytes = maxBytes;
    }

    /** @throws ResultDocumentException "result document: field: problem" */
    public ResultDocument read(String podLog) {
        return parse(ResultExtractor.extract(podLog, maxBytes));
    }

    /** Parses and validates a document line (already extracted). */
    public ResultDocument parse(String documentJson) {
        JsonNode raw;
        try {
            raw = JSON.readTree(documentJson);
        } catch (JsonProcessingException e) {
            throw new ResultDocumentException("json", "not valid JSON at line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        schema.validate(raw);
        FiniteNumbers.require(raw);
        try {
            ResultDocument.Environment environment = JSON.treeToValue(raw.get("environment"), ResultDocument.Environment.class);
            List<ResultDocument.Benchmark> benchmarks = new ArrayList<>();
            for (JsonNode b : raw.get("benchmarks")) {
                benchmarks.add(JSON.treeToValue(b, ResultDocument.Benchmark.class));
            }
            List<ResultDocument.Claim> claims = new ArrayList<>();
            for (JsonNode c : raw.get("claims")) {
                claims.add(JSON.treeToValue(c, ResultDocument.Claim.class));
            }
            return new ResultDocument(environment, benchmarks, claims, raw);
        } catch (JsonProcessingException e) {
            // The schema admitted it, so this is a schema/operator mismatch, reported like any bad field.
            throw new ResultDocumentException("document", "cannot be read: " + e.getOriginalMessage());
        }
    }
}
