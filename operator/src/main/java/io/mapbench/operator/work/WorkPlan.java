package io.mapbench.operator.work;

import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.KeyType;
import io.mapbench.operator.api.v1alpha1.MatrixSpec;
import io.mapbench.operator.api.v1alpha1.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a run will execute, resolved from the catalog the way the workload resolves its flags
 * (workload/internal/runner/plan.go MakePlan): the suite picks scenarios, their matrices and the
 * benchtime; spec.scenarios and each spec.matrix list that is set replace the suite's; a scenario
 * outside the suite uses its catalog defaults; combinations a scenario cannot run are skipped.
 */
public record WorkPlan(List<Item> items, int skipped, String benchtime, int repetitions, List<String> problems) {

    /** The workload's benchtime when neither the run nor a suite sets one. */
    static final String DEFAULT_BENCHTIME = "1s";
    static final int DEFAULT_REPETITIONS = 10;

    public WorkPlan {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
    }

    /**
     * The plan, or the problems as an exception. Whether unknown scenario IDs stop a run before
     * dispatch is the caller's choice: the workload itself refuses them with exit code 2 and the
     * same kind of message, which fails the job without retries.
     *
     * @throws InvalidWorkException listing every problem
     */
    public WorkPlan requireValid() {
        if (!problems.isEmpty()) {
            throw new InvalidWorkException(problems);
        }
        return this;
    }

    /** One scenario with the combinations it will run. */
    public record Item(Catalog.Scenario scenario, List<Combo> combos) {
        public Item {
            combos = List.copyOf(combos);
        }
    }

    public record Combo(String keyType, String valueType, long size) {
    }

    /**
     * Resolves the run's work. Unknown scenario IDs (field, value, allowed IDs) and a matrix no
     * scenario supports are listed in {@link #problems()}; the known scenarios are still planned,
     * so an estimate exists either way.
     */
    public static WorkPlan of(Catalog catalog, BenchmarkRunSpec spec) {
        List<String> problems = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Catalog.Suite suite = null;
        if (spec.getSuite() != null) {
            String name = spec.getSuite().name().toLowerCase();
            suite = catalog.suite(name).orElse(null);
            if (suite == null) {
                problems.add("spec.suite: \"" + name + "\" is not in the workload catalog (allowed: "
                        + String.join(", ", catalog.suites().stream().map(Catalog.Suite::name).toList()) + ")");
            } else {
                suite.scenarios().forEach(e -> ids.add(e.id()));
            }
        }
        List<String> requested = spec.getScenarios();
        if (requested != null && !requested.isEmpty()) {
            ids.clear();
            for (int i = 0; i < requested.size(); i++) {
                String id = requested.get(i);
                if (catalog.scenario(id).isEmpty()) {
                    problems.add("spec.scenarios[" + i + "]: unknown scenario \"" + id + "\" (allowed: "
                            + String.join(", ", catalog.scenarioIds()) + ")");
                }
                ids.add(id);
            }
        }
        MatrixSpec matrix = spec.getMatrix();
        List<Item> items = new ArrayList<>();
        int skipped = 0;
        for (String id : new LinkedHashSet<>(ids)) {
            Catalog.Scenario scenario = catalog.scenario(id).orElse(null);
            if (scenario == null) {
                continue; // listed in problems above
            }
            Catalog.Matrix base = scenario.defaults();
            if (suite != null) {
                base = suite.scenarios().stream().filter(e -> e.id().equals(id)).map(Catalog.SuiteScenario::matrix)
                        .findFirst().orElse(base);
            }
            List<String> keys = matrix != null && matrix.getKeyTypes() != null
                    ? matrix.getKeyTypes().stream().map(KeyType::name).map(String::toLowerCase).toList() : base.keyTypes();
            List<String> values = matrix != null && matrix.getValueTypes() != null
                    ? matrix.getValueTypes().stream().map(ValueType::name).map(String::toLowerCase).toList() : base.valueTypes();
            List<Long> sizes = matrix != null && matrix.getSizes() != null ? matrix.getSizes() : base.sizes();
            List<Combo> combos = new ArrayList<>();
            for (String k : keys) {
                for (String v : values) {
                    for (long n : sizes) {
                        if (scenario.supports(k, v, n)) {
                            combos.add(new Combo(k, v, n));
                        } else {
                            skipped++;
                        }
                    }
                }
            }
            items.add(new Item(scenario, combos));
        }
        if (!items.isEmpty() && items.stream().allMatch(it -> it.combos().isEmpty())) {
            problems.add("spec.matrix: no scenario of the run supports any of its key type x value type x size"
                    + " combinations (" + skipped + " skipped); see `mapbench list` for each scenario's types and sizes");
        }
        String benchtime = spec.getBenchtime() != null ? spec.getBenchtime()
                : suite != null ? suite.benchtime() : DEFAULT_BENCHTIME;
        int repetitions = spec.getRepetitions() != null ? spec.getRepetitions() : DEFAULT_REPETITIONS;
        return new WorkPlan(items, skipped, benchtime, repetitions, problems);
    }
}
