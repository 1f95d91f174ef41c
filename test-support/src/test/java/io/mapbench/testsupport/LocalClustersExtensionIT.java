package io.mapbench.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The extension against the real local clusters: namespaces, clients, SSA round trips, the dump. */
@LocalClustersTest
class LocalClustersExtensionIT {
    private static final String FIELD_MANAGER = "mapbench-test-support";
    private static final ResourceDefinitionContext PROBES = new ResourceDefinitionContext.Builder()
            .withGroup("testsupport.mapbench.io").withVersion("v1").withKind("Probe").withPlural("probes")
            .withNamespaced(true).build();

    @Test
    void everyClusterHasTheClassNamespace(TestClusters clusters) {
        assertThat(clusters.names()).startsWith("hub").hasSizeGreaterThanOrEqualTo(2);
        assertThat(clusters.namespace()).startsWith("local-clusters-extension-it-");
        for (String cluster : clusters.names()) {
            Namespace ns = clusters.client(cluster).namespaces().withName(clusters.namespace()).get();
            assertThat(ns).as("namespace in %s", cluster).isNotNull();
            assertThat(ns.getMetadata().getLabels()).containsEntry(LocalClustersExtension.TEST_NAMESPACE_LABEL, "true");
        }
    }

    @Test
    void serverSideApplyRoundTripsThroughEveryCluster(TestClusters clusters) throws Exception {
        for (String cluster : clusters.names()) {
            KubernetesClient client = clusters.client(cluster);
            try (InputStream crdYaml = getClass().getResourceAsStream("/probes.testsupport.mapbench.io.yaml")) {
                CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(crdYaml,
                        CustomResourceDefinition.class);
                client.apiextensions().v1().customResourceDefinitions().resource(crd).fieldManager(FIELD_MANAGER)
                        .forceConflicts().serverSideApply();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> established(client));

            GenericKubernetesResource probe = new GenericKubernetesResourceBuilder()
                    .withApiVersion("testsupport.mapbench.io/v1").withKind("Probe")
                    .withNewMetadata().withName("probe-" + cluster).withNamespace(clusters.namespace()).endMetadata()
                    .withAdditionalProperties(Map.of("spec", Map.of("message", "hello " + cluster)))
                    .build();
            // SSA can be briefly refused right after the CRD became Established (discovery catching up).
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> client.genericKubernetesResources(PROBES)
                    .inNamespace(clusters.namespace()).resource(probe).fieldManager(FIELD_MANAGER).forceConflicts()
                    .serverSideApply() != null);

            GenericKubernetesResource read = client.genericKubernetesResources(PROBES).inNamespace(clusters.namespace())
                    .withName("probe-" + cluster).get();
            assertThat(read).as("probe in %s", cluster).isNotNull();
            Map<String, Object> spec = read.get("spec");
            assertThat(spec).containsEntry("message", "hello " + cluster)
                    .as("the API server applied the schema default").containsEntry("count", 1);
            assertThat(read.getMetadata().getManagedFields()).anySatisfy(f -> {
                assertThat(f.getManager()).isEqualTo(FIELD_MANAGER);
                assertThat(f.getOperation()).isEqualTo("Apply");
            });
        }
    }

    @Test
    void failureDumpHasPodStatusAndLogs(TestClusters clusters) throws Exception {
        KubernetesClient hub = clusters.hub();
        Pod pod = new PodBuilder().withNewMetadata().withName("dump-me").endMetadata()
                .withNewSpec().withRestartPolicy("Never").withAutomountServiceAccountToken(false)
                .addNewContainer().withName("main").withImage("mapbench.local/shell")
                .withArgs("echo hello-from-the-dump").endContainer().endSpec().build();
        hub.pods().inNamespace(clusters.namespace()).resource(pod).create();
        await().atMost(Duration.ofSeconds(90)).until(() -> "Succeeded".equals(
                hub.pods().inNamespace(clusters.namespace()).withName("dump-me").get().getStatus().getPhase()));

        Path dir = Files.createTempDirectory("dump");
        new FailureDump(clusters, dir).write();
        String dump = Files.readString(dir.resolve("hub.txt"));
        assertThat(dump).contains("==== mapbench.io resources ====", "==== events in " + clusters.namespace())
                .contains("-- pod dump-me phase=Succeeded").contains("hello-from-the-dump");
        assertThat(dir.resolve(clusters.members().get(0) + ".txt")).exists();
    }

    private static boolean established(KubernetesClient client) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .withName("probes.testsupport.mapbench.io").get();
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
