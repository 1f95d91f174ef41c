package io.mapbench.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Defaults, names and rules of the committed CRDs (crds/, generated from this model; their
 * freshness is CommittedCrdsMatchGeneratedTest's job). That the API server enforces them is
 * proven by the integration tests against the local clusters.
 */
class CommittedCrdSchemaTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static CustomResourceDefinitionVersion version(String plural) throws IOException {
        Path root = Path.of(System.getProperty("mapbench.repo.root", ".."));
        Path file = root.resolve("crds/" + plural + ".mapbench.io-v1.yml");
        if (!Files.exists(file)) {
            file = Path.of("../crds/" + plural + ".mapbench.io-v1.yml");
        }
        CustomResourceDefinition crd = SERIALIZATION.unmarshal(Files.readString(file), CustomResourceDefinition.class);
        assertThat(crd.getSpec().getVersions()).hasSize(1);
        return crd.getSpec().getVersions().get(0);
    }

    private static JSONSchemaProps at(CustomResourceDefinitionVersion version, String dottedPath) {
        JSONSchemaProps schema = version.getSchema().getOpenAPIV3Schema();
        for (String part : dottedPath.split("\\.")) {
            schema = part.equals("[]") ? schema.getItems().getSchema() : schema.getProperties().get(part);
            assertThat(schema).as("schema path %s", dottedPath).isNotNull();
        }
        return schema;
    }

    @ParameterizedTest(name = "{0} {1} defaults to {2}")
    @CsvSource({
            "benchmarkruns,   spec.repetitions,               10",
            "benchmarkruns,   spec.timeout,                   30m",
            "benchmarkruns,   spec.retries,                   1",
            "benchmarkruns,   spec.ttlAfterFinished,          1h",
            "benchmarkruns,   spec.resultRetention,           Delete",
            "benchmarkruns,   spec.disruption.policy,         Protect",
            "memberclusters,  spec.namespace,                 mapbench-workloads",
            "memberclusters,  spec.maxConcurrentRuns,         1",
            "memberclusters,  spec.kubeconfigSecretRef.key,   kubeconfig",
    })
    void defaults(String plural, String path, String expected) throws IOException {
        assertThat(at(version(plural), path).getDefault().asText()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} items of {1}")
    @CsvSource({
            "spec.scenarios.[],     '^[a-z0-9-]{1,40}$',   40",
            "spec.goVersions.[],    '^1\\.[0-9]+(\\.[0-9]+)?$',   16",
            "spec.placement.clusters.[], '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$', 253",
    })
    void listItemsAreBoundedAndPatterned(String path, String pattern, long maxLength) throws IOException {
        JSONSchemaProps items = at(version("benchmarkruns"), path);
        assertThat(items.getPattern()).isEqualTo(pattern);
        assertThat(items.getMaxLength()).isEqualTo(maxLength);
    }

    @Test
    void vocabularyIsEnumerated() throws IOException {
        CustomResourceDefinitionVersion v = version("benchmarkruns");
        assertThat(at(v, "spec.matrix.keyTypes.[]").getEnum()).extracting(n -> n.asText())
                .containsExactlyInAnyOrder("int64", "string8", "string32", "string256");
        assertThat(at(v, "spec.matrix.valueTypes.[]").getEnum()).extracting(n -> n.asText())
                .containsExactlyInAnyOrder("int64", "struct16", "struct64", "struct128", "struct256", "ptrstruct64", "empty");
        assertThat(at(v, "spec.suite").getEnum()).extracting(n -> n.asText()).containsExactlyInAnyOrder("smoke", "quick", "seed");
        assertThat(at(v, "status.phase").getEnum()).extracting(n -> n.asText()).containsExactlyInAnyOrder(
                "Pending", "Denied", "Scheduled", "Running", "Succeeded", "PartiallySucceeded", "Failed");
    }

    @Test
    void runSpecIsImmutableOnceAdmittedThroughARootRule() throws IOException {
        List<ValidationRule> rules = version("benchmarkruns").getSchema().getOpenAPIV3Schema().getXKubernetesValidations();
        assertThat(rules).anySatisfy(rule -> {
            assertThat(rule.getRule()).contains("oldSelf.spec").contains("['Pending', 'Denied']");
            assertThat(rule.getFieldPath()).isEqualTo(".spec");
            assertThat(rule.getMessage()).contains("immutable");
        });
    }

    @Test
    void namesPrinterColumnsAndSubresources() throws IOException {
        CustomResourceDefinitionVersion run = version("benchmarkruns");
        assertThat(run.getAdditionalPrinterColumns()).extracting(c -> c.getName())
                .containsExactly("Phase", "Suite", "Clusters", "Jobs", "Age");
        assertThat(run.getSubresources().getStatus()).isNotNull();
        assertThat(version("memberclusters").getAdditionalPrinterColumns()).extracting(c -> c.getName()).first()
                .isEqualTo("Ready");
        assertThat(version("benchmarkresults").getAdditionalPrinterColumns()).extracting(c -> c.getName())
                .contains("Run", "Cluster", "Go", "Arch", "NodeArch", "Map");
    }

    /** kubectl explain shows these; Fabric8's LabelSelector and Toleration schemas had none. */
    @ParameterizedTest(name = "{0} {1} is described")
    @CsvSource({
            "benchmarkruns,  spec.placement.clusterSelector.matchLabels",
            "benchmarkruns,  spec.placement.clusterSelector.matchExpressions",
            "benchmarkruns,  spec.placement.clusterSelector.matchExpressions.[].key",
            "benchmarkruns,  spec.placement.clusterSelector.matchExpressions.[].operator",
            "benchmarkruns,  spec.placement.clusterSelector.matchExpressions.[].values",
            "memberclusters, spec.tolerations.[].key",
            "memberclusters, spec.tolerations.[].operator",
            "memberclusters, spec.tolerations.[].value",
            "memberclusters, spec.tolerations.[].effect",
            "memberclusters, spec.tolerations.[].tolerationSeconds",
    })
    void selectorAndTolerationFieldsAreDescribed(String plural, String path) throws IOException {
        assertThat(at(version(plural), path).getDescription()).as(path).isNotBlank();
    }

    @Test
    void selectorOperatorIsEnumeratedAndValuesRequiredForInAndNotIn() throws IOException {
        CustomResourceDefinitionVersion v = version("benchmarkruns");
        JSONSchemaProps requirement = at(v, "spec.placement.clusterSelector.matchExpressions.[]");
        assertThat(at(v, "spec.placement.clusterSelector.matchExpressions.[].operator").getEnum()).extracting(n -> n.asText())
                .containsExactlyInAnyOrder("In", "NotIn", "Exists", "DoesNotExist");
        assertThat(requirement.getRequired()).containsExactlyInAnyOrder("key", "operator");
        assertThat(requirement.getXKubernetesValidations()).singleElement().satisfies(rule -> {
            assertThat(rule.getFieldPath()).isEqualTo(".values");
            assertThat(rule.getMessage()).contains("non-empty for operator In and NotIn");
        });
        assertThat(at(version("memberclusters"), "spec.tolerations.[].effect").getEnum()).extracting(n -> n.asText())
                .containsExactlyInAnyOrder("NoSchedule", "PreferNoSchedule", "NoExecute", "");
    }
}
