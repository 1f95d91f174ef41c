package io.mapbench.testsupport;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Installs the committed CRDs (crds/*.yml, generated from the operator's API model) into a
 * cluster by server-side apply and waits until each is Established. Idempotent; ITs call it
 * instead of relying on the operator's dev-mode CRD apply.
 */
public final class CommittedCrds {
    static final String FIELD_MANAGER = "mapbench-test-support";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private CommittedCrds() {
    }

    /** The CRDs in crds/ of the checkout, sorted by file name. */
    public static List<CustomResourceDefinition> read(Path repoRoot) {
        Path dir = repoRoot.resolve("crds");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> yamls = files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
            if (yamls.isEmpty()) {
                throw new IllegalStateException("no CRDs in " + dir + "; build the operator (./mvnw package) first");
            }
            return yamls.stream().map(CommittedCrds::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Applies every committed CRD to the client's cluster and waits (bounded) until all are Established. */
    public static List<CustomResourceDefinition> apply(KubernetesClient client, Path repoRoot) {
        List<CustomResourceDefinition> crds = read(repoRoot);
        for (CustomResourceDefinition crd : crds) {
            client.apiextensions().v1().customResourceDefinitions().resource(crd).fieldManager(FIELD_MANAGER)
                    .forceConflicts().serverSideApply();
        }
        for (CustomResourceDefinition crd : crds) {
            await("CRD " + crd.getMetadata().getName() + " Established").atMost(Duration.ofSeconds(60))
                    .until(() -> established(client, crd.getMetadata().getName()));
        }
        return crds;
    }

    static boolean established(KubernetesClient client, String name) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static CustomResourceDefinition parse(Path file) {
        try (var in = Files.newInputStream(file)) {
            return SERIALIZATION.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
