package io.mapbench.testsupport;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link LocalClustersTest}: clusters up (or reused), one namespace per
 * test class in every cluster, clients per cluster, a dump of the relevant state when a test
 * fails, namespaces deleted afterwards (kept with -Dmapbench.keep-namespaces=true, to debug).
 */
public class LocalClustersExtension implements BeforeAllCallback, AfterAllCallback, AfterTestExecutionCallback,
        ParameterResolver {
    public static final String KEEP_NAMESPACES_PROPERTY = "mapbench.keep-namespaces";
    /** Label on every test namespace, so leftovers of killed test runs can be found and removed. */
    public static final String TEST_NAMESPACE_LABEL = "mapbench.io/test-namespace";

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(LocalClustersExtension.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalClusters clusters = LocalClusters.ensureRunning();
        TestClusters testClusters = new TestClusters(clusters, namespaceFor(context.getRequiredTestClass()));
        context.getStore(STORE).put(TestClusters.class, testClusters);
        for (Map.Entry<String, KubernetesClient> e : testClusters.clients().entrySet()) {
            e.getValue().namespaces().resource(new NamespaceBuilder().withNewMetadata()
                    .withName(testClusters.namespace())
                    .addToLabels(TEST_NAMESPACE_LABEL, "true")
                    .addToLabels("app.kubernetes.io/managed-by", "mapbench-test-support")
                    .addToAnnotations("mapbench.io/test-class", context.getRequiredTestClass().getName())
                    .endMetadata().build()).create();
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        TestClusters clusters = testClusters(context);
        Path dir = dumpDirectory(clusters, context);
        new FailureDump(clusters, dir).write();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestClusters clusters = context.getStore(STORE).remove(TestClusters.class, TestClusters.class);
        if (clusters == null) {
            return;
        }
        try {
            if (!Boolean.getBoolean(KEEP_NAMESPACES_PROPERTY)) {
                for (KubernetesClient client : clusters.clients().values()) {
                    try {
                        // Deletion finishes in the background (namespace controller); no need to wait.
                        client.namespaces().withName(clusters.namespace()).delete();
                    } catch (KubernetesClientException e) {
                        System.err.println("test-support: could not delete namespace " + clusters.namespace() + ": "
                                + e.getMessage());
                    }
                }
            }
        } finally {
            clusters.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestClusters.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return testClusters(context);
    }

    private static TestClusters testClusters(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            TestClusters clusters = c.getStore(STORE).get(TestClusters.class, TestClusters.class);
            if (clusters != null) {
                return clusters;
            }
        }
        throw new ParameterResolutionException("TestClusters is available only in classes annotated @LocalClustersTest");
    }

    /** `<kebab-case class name, at most 40 chars>-<5 random chars>`: readable and unique per run. */
    static String namespaceFor(Class<?> testClass) {
        String kebab = testClass.getSimpleName().replaceAll("([A-Z])([A-Z][a-z])", "$1-$2")
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]", "-");
        if (kebab.length() > 40) {
            kebab = kebab.substring(0, 40);
        }
        kebab = kebab.replaceAll("-+$", "");
        StringBuilder suffix = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 5; i++) {
            suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return kebab + "-" + suffix;
    }

    private static Path dumpDirectory(TestClusters clusters, ExtensionContext context) {
        String test = context.getRequiredTestClass().getSimpleName() + "/"
                + context.getDisplayName().replaceAll("[^A-Za-z0-9._-]+", "_");
        return Path.of(System.getProperty("mapbench.dump-dir", "target/cluster-dumps")).resolve(test);
    }
}
