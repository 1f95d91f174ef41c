package io.mapbench.operator.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.Suite;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real workload/catalog.json as the build bundles it. */
class CatalogTest {
    private static final Catalog CATALOG = Catalog.bundled();

    @Test
    void bundledCatalogHasTheSuitesAndTheVocabulary() {
        assertThat(CATALOG.apiVersion()).isEqualTo("mapbench.io/catalog/v1");
        assertThat(CATALOG.suites()).extracting(Catalog.Suite::name).containsExactly("smoke", "quick", "seed");
        assertThat(CATALOG.scenarioIds()).contains("range-kv-vs-keys", "iteration-order", "gc-map-contents")
                .allMatch(id -> id.matches("^[a-z0-9-]{1,40}$"));
        assertThat(CATALOG.keyBytes()).containsOnlyKeys("int64", "string8", "string32", "string256");
        assertThat(CATALOG.valueBytes()).containsOnlyKeys("int64", "struct16", "struct64", "struct128", "struct256", "ptrstruct64", "empty");
        for (Catalog.Suite suite : CATALOG.suites()) {
            for (Catalog.SuiteScenario e : suite.scenarios()) {
                assertThat(CATALOG.scenario(e.id())).as("suite %s names %s", suite.name(), e.id()).isPresent();
            }
        }
    }

    @Test
    void everySuiteEstimatesWithinItsStatedBudget() {
        long previous = 0;
        for (Suite suite : List.of(Suite.SMOKE, Suite.QUICK, Suite.SEED)) {
            BenchmarkRunSpec spec = new BenchmarkRunSpec();
            spec.setSuite(suite);
            WorkPlan plan = WorkPlan.of(CATALOG, spec).requireValid();
            WorkEstimate e = WorkEstimate.of(CATALOG, plan, 1);
            assertThat(e.benchmarks()).as(suite + " benchmarks").isPositive();
            assertThat(e.cpuSeconds()).as(suite + " grows with the suite").isGreaterThanOrEqualTo(previous);
            previous = e.cpuSeconds();
            if (suite == Suite.SMOKE) {
                assertThat(e.cpuSeconds()).as("smoke is meant for tests (<= 3 s)").isLessThanOrEqualTo(3);
                assertThat(e.largestSize()).isEqualTo(1000);
            }
        }
    }

    @Test
    void rejectsOtherDocuments() {
        assertThatThrownBy(() -> Catalog.parse("{\"apiVersion\":\"v2\",\"keyBytes\":{},\"valueBytes\":{},\"scenarios\":[],\"suites\":[]}"))
                .hasMessage("catalog: apiVersion \"v2\" (expected mapbench.io/catalog/v1)");
        assertThatThrownBy(() -> Catalog.parse("[]")).hasMessageStartingWith("catalog: not a mapbench catalog document: ");
    }
}
