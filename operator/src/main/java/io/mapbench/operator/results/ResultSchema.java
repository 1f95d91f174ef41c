package io.mapbench.operator.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The workload's JSON Schema of mapbench.io/result/v1 (workload/schema/result-v1.schema.json,
 * copied onto the classpath by the build, so both sides test against the same file).
 */
public final class ResultSchema {
    /** Classpath location the operator build copies the workload's schema to. */
    public static final String RESOURCE = "mapbench/schema/result-v1.schema.json";

    private final Schema schema;

    private ResultSchema(Schema schema) {
        this.schema = schema;
    }

    /** The schema bundled with the operator. Compile once and share: it is thread-safe. */
    public static ResultSchema bundled() {
        try (InputStream in = ResultSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE
                        + " is missing: the operator build copies it from workload/schema/");
            }
            return fromText(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    static ResultSchema fromText(String schemaJson) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        return new ResultSchema(registry.getSchema(schemaJson, InputFormat.JSON));
    }

    /**
     * @throws ResultDocumentException naming the first violating field (and how many more there are)
     */
    public void validate(JsonNode document) {
        List<Error> errors = schema.validate(document);
        if (errors.isEmpty()) {
            return;
        }
        Error first = errors.get(0);
        String problem = first.getMessage();
        if (errors.size() > 1) {
            problem += " (and " + (errors.size() - 1) + " more schema violation" + (errors.size() > 2 ? "s" : "") + ")";
        }
        throw new ResultDocumentException(field(first), problem);
    }

    /**
     * The instance location (a JSON Pointer such as "/benchmarks/0/stats") in the dotted form the
     * rest of mapbench uses ("benchmarks[0].stats"); a missing or extra property is named too.
     */
    static String field(Error error) {
        StringBuilder field = new StringBuilder();
        String pointer = String.valueOf(error.getInstanceLocation());
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty() || segment.equals("$")) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                field.append('[').append(name).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(name);
            }
        }
        // The location of a missing or unexpected property is its parent object: name the property.
        String property = error.getProperty();
        boolean namesAProperty = "required".equals(error.getKeyword()) || "additionalProperties".equals(error.getKeyword())
                || "unevaluatedProperties".equals(error.getKeyword());
        if (namesAProperty && property != null && !property.isEmpty()) {
            field.append(field.length() == 0 ? "" : ".").append(property);
        }
        return field.length() == 0 ? "(document)" : field.toString();
    }
}
