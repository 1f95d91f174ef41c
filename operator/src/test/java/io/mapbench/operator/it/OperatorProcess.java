package io.mapbench.operator.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real operator as integration tests run it: {@code java -jar target/quarkus-app/quarkus-run.jar}
 * (the artifact `package` just built) against the hub, in its own process, so tests can kill it
 * with SIGKILL and start it again exactly as a crashed pod would be restarted. Its controllers
 * are confined to the test's namespace and MemberClusters, so tests and other operators on the
 * same hub never reconcile each other's objects.
 */
public final class OperatorProcess implements AutoCloseable {
    private final Path jar;
    private final Path hubKubeconfig;
    private final Path log;
    private final List<String> properties;
    private final int port;
    private Process process;

    public OperatorProcess(Path repoRoot, Path hubKubeconfig, String namespace, String memberSelector, Map<String, String> extra) {
        // The jar this very build packaged (failsafe runs in the module directory, after package).
        this.jar = Path.of(System.getProperty("user.dir"), "target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `./mvnw -B verify` (package builds it before the ITs)");
        }
        this.hubKubeconfig = hubKubeconfig;
        this.log = jar.getParent().getParent().resolve("it-operator-" + namespace + ".log");
        this.port = freePort();
        this.properties = new ArrayList<>(List.of(
                "-Dquarkus.http.port=" + port,
                "-Dmapbench.operator-namespace=" + namespace,
                "-Dquarkus.operator-sdk.controllers.benchmarkrun.namespaces=" + namespace,
                "-Dquarkus.operator-sdk.controllers.benchmarkschedule.namespaces=" + namespace,
                "-Dquarkus.operator-sdk.controllers.membercluster.selector=" + memberSelector));
        extra.forEach((k, v) -> properties.add("-D" + k + "=" + v));
    }

    public void start() {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(properties);
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("KUBECONFIG", hubKubeconfig.toString());
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, like an OOM kill or a node crash: no shutdown hooks, no graceful informer stop. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** HTTP port of /q/metrics and /q/health. */
    public int port() {
        return port;
    }

    /** The Prometheus text at /q/metrics. */
    public String metrics() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
