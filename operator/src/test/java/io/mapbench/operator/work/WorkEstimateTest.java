package io.mapbench.operator.work;

import static io.mapbench.operator.testfixtures.RunFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.KeyType;
import io.mapbench.operator.api.v1alpha1.MatrixSpec;
import io.mapbench.operator.api.v1alpha1.Suite;
import io.mapbench.operator.testfixtures.RunFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact figures on a small hand-checked catalog (catalog-small.json): bench-a has two variants,
 * observe-b is an observation; the smoke suite runs bench-a at 1000 (int64 and struct64 values)
 * and observe-b at 8 and 64, with benchtime 10ms.
 */
class WorkEstimateTest {
    private static final Catalog CATALOG = Catalog.parse(RunFixtures.resource("catalog-small.json"));

    private static BenchmarkRunSpec smoke() {
        BenchmarkRunSpec spec = run("r", "2026-11-25T08:00:00Z").getSpec();
        spec.setSuite(Suite.SMOKE);
        return spec;
    }

    @Test
    void durationBenchtime() {
        WorkPlan plan = WorkPlan.of(CATALOG, smoke()).requireValid();
        assertThat(plan.benchtime()).isEqualTo("10ms");
        assertThat(plan.repetitions()).isEqualTo(10);
        WorkEstimate e = WorkEstimate.of(CATALOG, plan, 2);
        // rows: bench-a 2 combos x 2 variants + observe-b 2 observations = 6, per Go version.
        assertThat(e.benchmarks()).isEqualTo(12);
        assertThat(e.largestSize()).isEqualTo(1000);
        // bench-a: per combo 2 variants x 10 reps x (2 x 10ms) + 1000 x 200ns setup = 400.2 ms; two combos 800.4 ms.
        // observe-b: 8 x 2000 x 5ns + 8 x 200ns = 81.6 us; 64 x 2000 x 5ns + 64 x 200ns = 652.8 us.
        // (800.4 ms + 0.7344 ms) x 2 Go versions = 1.6023 s -> 2.
        assertThat(e.cpuSeconds()).isEqualTo(2);
        // bench-a struct64 at 1000: 1 MiB + 1000 x (2.5 x (8 + 64 + 2) + 16) bytes.
        assertThat(e.largestMemoryBytes()).isEqualTo(1_048_576 + 1000 * 201);
    }

    @Test
    void iterationBenchtime() {
        BenchmarkRunSpec spec = smoke();
        spec.setBenchtime("100x");
        WorkEstimate e = WorkEstimate.of(CATALOG, WorkPlan.of(CATALOG, spec), 1);
        // bench-a: 2 x 10 x 100 iterations x 1000 visits x 5ns + 200 us setup = 10.2 ms per combo; x2 = 20.4 ms; + 0.7344 ms.
        assertThat(e.cpuSeconds()).isEqualTo(1);
        assertThat(e.benchmarks()).isEqualTo(6);
    }

    @Test
    void scalesWithRepetitionsAndSizes() {
        BenchmarkRunSpec spec = smoke();
        spec.setRepetitions(100);
        spec.setBenchtime("1s");
        MatrixSpec m = new MatrixSpec();
        m.setSizes(List.of(100L, 1000L, 100000L));
        spec.setMatrix(m);
        WorkPlan plan = WorkPlan.of(CATALOG, spec);
        // observe-b supports 2..4096: size 100000 is skipped for it (1 key x 1 value type).
        assertThat(plan.skipped()).isEqualTo(1);
        WorkEstimate e = WorkEstimate.of(CATALOG, plan, 1);
        assertThat(e.largestSize()).isEqualTo(100000);
        // bench-a: 6 combos x 2 variants x 100 reps x 2 s = 2400 s, plus setup and observations (< 1 s).
        assertThat(e.cpuSeconds()).isEqualTo(2401);
        assertThat(e.benchmarks()).isEqualTo(6 * 2 + 2);
    }

    @Test
    void noGoVersionIsABug() {
        assertThatThrownBy(() -> WorkEstimate.of(CATALOG, WorkPlan.of(CATALOG, smoke()), 0))
                .hasMessage("goVersions: 0 (a run has at least one)");
    }

    @Test
    void scenariosOutsideTheSuiteUseTheirDefaults() {
        BenchmarkRunSpec spec = smoke();
        spec.setSuite(null);
        spec.setScenarios(List.of("observe-b"));
        WorkPlan plan = WorkPlan.of(CATALOG, spec);
        assertThat(plan.items()).singleElement().satisfies(i -> assertThat(i.combos())
                .containsExactly(new WorkPlan.Combo("int64", "int64", 8)));
        assertThat(plan.benchtime()).as("no suite, no spec: the workload's 1s").isEqualTo("1s");
    }

    @Test
    void matrixListsReplaceTheSuitesAndUnsupportedCombinationsAreSkipped() {
        BenchmarkRunSpec spec = smoke();
        MatrixSpec m = new MatrixSpec();
        m.setKeyTypes(List.of(KeyType.STRING8));
        spec.setMatrix(m);
        WorkPlan plan = WorkPlan.of(CATALOG, spec);
        // bench-a supports string8 (2 value types x 1 size); observe-b does not (2 sizes skipped).
        assertThat(plan.items().get(0).combos()).containsExactly(new WorkPlan.Combo("string8", "int64", 1000),
                new WorkPlan.Combo("string8", "struct64", 1000));
        assertThat(plan.items().get(1).combos()).isEmpty();
        assertThat(plan.skipped()).isEqualTo(2);
        assertThat(plan.problems()).isEmpty();
    }

    @Test
    void unknownScenarioIdsAreListedWithTheAllowedOnes() {
        BenchmarkRunSpec spec = smoke();
        spec.setScenarios(List.of("bench-a", "no-such-thing", "typo-b"));
        WorkPlan plan = WorkPlan.of(CATALOG, spec);
        assertThat(plan.problems()).containsExactly(
                "spec.scenarios[1]: unknown scenario \"no-such-thing\" (allowed: bench-a, observe-b)",
                "spec.scenarios[2]: unknown scenario \"typo-b\" (allowed: bench-a, observe-b)");
        assertThat(plan.items()).as("the known ones are still planned").hasSize(1);
        assertThatThrownBy(plan::requireValid).isInstanceOf(InvalidWorkException.class)
                .hasMessage("spec.scenarios[1]: unknown scenario \"no-such-thing\" (allowed: bench-a, observe-b);"
                        + " spec.scenarios[2]: unknown scenario \"typo-b\" (allowed: bench-a, observe-b)");
    }

    @Test
    void aMatrixNothingSupportsIsAProblem() {
        BenchmarkRunSpec spec = smoke();
        spec.setScenarios(List.of("observe-b"));
        MatrixSpec m = new MatrixSpec();
        m.setSizes(List.of(1L));
        spec.setMatrix(m);
        assertThat(WorkPlan.of(CATALOG, spec).problems()).containsExactly("spec.matrix: no scenario of the run supports any of"
                + " its key type x value type x size combinations (1 skipped); see `mapbench list` for each scenario's types and sizes");
    }
}
