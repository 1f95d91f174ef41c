package io.mapbench.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real artifacts the policy tests use: the committed compiled policy (policies/dist) and the
 * shared decision cases (policies/testdata/cases) that `opa test` runs too. Paths resolve from
 * the operator module's directory (Maven's working directory for tests) unless the system
 * property mapbench.policies.dir names the policies/ directory.
 */
final class PolicyFixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private PolicyFixtures() {
    }

    static Path policiesDir() {
        Path dir = Path.of(System.getProperty("mapbench.policies.dir", "../policies")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("dist").resolve(PolicyBundle.MODULE_FILE))) {
            throw new IllegalStateException(dir + "/dist/" + PolicyBundle.MODULE_FILE
                    + " not found: run the tests from operator/ or set -Dmapbench.policies.dir");
        }
        return dir;
    }

    static PolicyBundle distBundle() {
        try {
            return PolicyBundle.fromDirectory(policiesDir().resolve("dist"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One shared case: file {@code <name>.json} holds {@code {"<name>": {description, input, expected}}}. */
    record DecisionCase(String name, String description, JsonNode input, JsonNode expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<DecisionCase> sharedCases() {
        Path dir = policiesDir().resolve("testdata").resolve("cases");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                    .map(PolicyFixtures::readCase).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DecisionCase readCase(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        try {
            JsonNode root = JSON.readTree(file.toFile());
            Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
            if (root.size() != 1 || !root.has(name)) {
                throw new IllegalStateException(file + ": must hold exactly one key, \"" + name
                        + "\" (the file name), because OPA merges all case files into one data document");
            }
            JsonNode c = fields.next().getValue();
            return new DecisionCase(name, c.path("description").asText(), c.get("input"), c.get("expected"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
