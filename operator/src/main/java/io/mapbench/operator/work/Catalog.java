package io.mapbench.operator.work;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workload's scenario catalog ({@code mapbench list --json}, committed as
 * workload/catalog.json and copied onto the classpath by the operator build): lets the operator
 * validate scenario IDs and estimate a run's work without running Go (DESIGN.md "Vocabulary").
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Catalog(String apiVersion, Map<String, Integer> keyBytes, Map<String, Integer> valueBytes,
        int slotOverheadBytes, List<Scenario> scenarios, List<Suite> suites) {

    public static final String API_VERSION = "mapbench.io/catalog/v1";
    /** Classpath location the operator build copies workload/catalog.json to. */
    public static final String RESOURCE = "mapbench/catalog.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public Catalog {
        scenarios = List.copyOf(scenarios);
        suites = List.copyOf(suites);
        keyBytes = Map.copyOf(keyBytes);
        valueBytes = Map.copyOf(valueBytes);
    }

    /** One benchmark family; {@code variants} empty for pure observations. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scenario(String id, String seed, String title, List<String> outputs, List<String> variants,
            List<String> keyTypes, List<String> valueTypes, long minSize, long maxSize, Matrix defaults, Estimate estimate) {

        /** Whether the scenario runs this combination (workload catalog.Scenario.Supports). */
        public boolean supports(String keyType, String valueType, long size) {
            return keyTypes.contains(keyType) && valueTypes.contains(valueType) && size >= minSize && size <= maxSize;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Matrix(List<String> keyTypes, List<String> valueTypes, List<Long> sizes) {
    }

    /** The linear cost model of workload/internal/catalog/estimate.go. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Estimate(long fixedBytes, double entryFactor, long extraBytesPerEntry, double visitsPerEntry,
            double setupEntriesFactor) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Suite(String name, String description, String benchtime, List<SuiteScenario> scenarios) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SuiteScenario(String id, Matrix matrix) {
    }

    /** The catalog bundled with the operator. */
    public static Catalog bundled() {
        try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE
                        + " is missing: the operator build copies it from workload/catalog.json");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with the document */
    public static Catalog parse(String json) {
        Catalog catalog;
        try {
            catalog = JSON.readValue(json, Catalog.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("catalog: not a mapbench catalog document: " + e.getOriginalMessage());
        }
        if (!API_VERSION.equals(catalog.apiVersion())) {
            throw new IllegalArgumentException("catalog: apiVersion \"" + catalog.apiVersion() + "\" (expected " + API_VERSION + ")");
        }
        for (Scenario s : catalog.scenarios()) {
            if (s.estimate() == null || s.defaults() == null) {
                throw new IllegalArgumentException("catalog: scenario " + s.id() + " has no estimate or defaults");
            }
        }
        return catalog;
    }

    public Optional<Scenario> scenario(String id) {
        return scenarios.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Suite> suite(String name) {
        return suites.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<String> scenarioIds() {
        return scenarios.stream().map(Scenario::id).toList();
    }

    /** Peak heap of one combination: fixedBytes + size * (entryFactor * entryBytes + extraBytesPerEntry). */
    public long memoryBytes(Scenario scenario, String keyType, String valueType, long size) {
        double entry = keyBytes.getOrDefault(keyType, 0) + valueBytes.getOrDefault(valueType, 0) + slotOverheadBytes;
        Estimate e = scenario.estimate();
        return e.fixedBytes() + (long) (size * (e.entryFactor() * entry + e.extraBytesPerEntry()));
    }
}
