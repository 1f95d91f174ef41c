package io.mapbench.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The p-value fields are "pValue" in the API (issue 12 contract). Jackson's bean naming makes
 * getPValue() "pvalue", which once gave every CRD both properties and every object both fields.
 */
class PValueNamingTest {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    @Test
    void serializedOnlyAsPValueAndReadBack() {
        ChangePoint cp = new ChangePoint();
        cp.setPValue(0.0004);
        Regression r = new Regression();
        r.setPValue(0.002);
        BenchmarkComparison c = new BenchmarkComparison();
        c.setPValue(0.03);
        ChangePointSpec s = new ChangePointSpec();
        s.setPValue(0.001);
        for (Object o : new Object[] {cp, r, c, s}) {
            String json = JSON.asJson(o);
            assertThat(json).as(o.getClass().getSimpleName()).contains("\"pValue\"").doesNotContain("\"pvalue\"");
        }
        assertThat(JSON.unmarshal("{\"pValue\":0.01}", ChangePointSpec.class).getPValue()).isEqualTo(0.01);
    }

    @Test
    void committedCrdsHaveNoPvalueProperty() throws IOException {
        try (var files = Files.list(Path.of("../crds"))) {
            for (Path crd : files.toList()) {
                assertThat(Files.readString(crd)).as(crd.toString()).doesNotContain("pvalue:");
            }
        }
    }
}
