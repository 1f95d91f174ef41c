package io.mapbench.testsupport;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The checkout's local clusters (deploy/local/clusters): hub, cloud-1, edge-k3s-1. Started at most
 * once per JVM, and only when `clusters status` says they are not all healthy (`up` is idempotent
 * and keeps stored objects, so reusing running clusters is both faster and safe).
 */
public final class LocalClusters {
    /** System property: the repository root (set by the Maven build; otherwise found from the working directory). */
    public static final String REPO_ROOT_PROPERTY = "mapbench.repo.root";
    /** System property: how long `clusters up` may take (the first run builds Kubernetes from source). */
    public static final String UP_TIMEOUT_PROPERTY = "mapbench.clusters.up-timeout-minutes";

    private static LocalClusters instance;

    private final Path repoRoot;
    private final List<String> names;

    private LocalClusters(Path repoRoot, List<String> names) {
        this.repoRoot = repoRoot;
        this.names = names;
    }

    /** The clusters, started if needed; the first call may take minutes. */
    public static synchronized LocalClusters ensureRunning() {
        if (instance == null) {
            Path root = findRepoRoot();
            LocalClusters clusters = new LocalClusters(root, readTopology(root));
            clusters.startUnlessHealthy();
            instance = clusters;
        }
        return instance;
    }

    public Path repoRoot() {
        return repoRoot;
    }

    /** Cluster names in topology order; the first is the hub. */
    public List<String> names() {
        return names;
    }

    /** The admin kubeconfig `clusters up` wrote (credentials embedded). */
    public Path kubeconfig(String cluster) {
        if (!names.contains(cluster)) {
            throw new IllegalArgumentException("unknown cluster '" + cluster + "'; the topology has " + names);
        }
        return repoRoot.resolve(".local/clusters/" + cluster + "/kubeconfig");
    }

    /** A new admin client for the cluster; the caller closes it. */
    public KubernetesClient newClient(String cluster) {
        try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig(cluster)));
            config.setRequestTimeout(30_000);
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kubeconfig of " + cluster + " at " + kubeconfig(cluster), e);
        }
    }

    private void startUnlessHealthy() {
        if (run(Duration.ofMinutes(2), "status") == 0 && names.stream().allMatch(n -> Files.exists(kubeconfig(n)))) {
            return;
        }
        long minutes = Long.getLong(UP_TIMEOUT_PROPERTY, 30);
        int exit = run(Duration.ofMinutes(minutes), "up");
        if (exit != 0) {
            throw new IllegalStateException("deploy/local/clusters up failed with exit code " + exit + "; see "
                    + log() + " and .local/clusters/<name>/logs/");
        }
    }

    private Path log() {
        return repoRoot.resolve(".local/test-support-clusters.log");
    }

    private int run(Duration timeout, String... args) {
        Path script = repoRoot.resolve("deploy/local/clusters");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException(script + " is missing or not executable: the local clusters cannot be started");
        }
        try {
            Files.createDirectories(log().getParent());
            List<String> command = new java.util.ArrayList<>(List.of(script.toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(repoRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                throw new IllegalStateException("deploy/local/clusters " + String.join(" ", args) + " did not finish within "
                        + timeout + "; see " + log());
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    /** The checkout root: -Dmapbench.repo.root, or the nearest directory above with deploy/local/clusters.yaml. */
    public static Path findRepoRoot() {
        String configured = System.getProperty(REPO_ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return requireCheckout(Path.of(configured).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("deploy/local/clusters.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the mapbench checkout (no deploy/local/clusters.yaml above "
                + Path.of("").toAbsolutePath() + "); set -D" + REPO_ROOT_PROPERTY + "=<checkout>");
    }

    private static Path requireCheckout(Path root) {
        if (!Files.exists(root.resolve("deploy/local/clusters.yaml"))) {
            throw new IllegalStateException(REPO_ROOT_PROPERTY + "=" + root + " is not a mapbench checkout"
                    + " (deploy/local/clusters.yaml is missing)");
        }
        return root;
    }

    static List<String> readTopology(Path root) {
        Path file = root.resolve("deploy/local/clusters.yaml");
        try (var in = Files.newInputStream(file)) {
            Map<String, List<Map<String, Object>>> topology = new KubernetesSerialization()
                    .unmarshal(in, new TypeReference<Map<String, List<Map<String, Object>>>>() {
                    });
            List<String> names = topology.getOrDefault("clusters", List.of()).stream()
                    .map(c -> String.valueOf(c.get("name"))).toList();
            if (names.isEmpty()) {
                throw new IllegalStateException(file + " lists no clusters under `clusters:`");
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
