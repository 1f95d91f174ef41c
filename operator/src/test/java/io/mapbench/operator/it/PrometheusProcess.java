package io.mapbench.operator.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real Prometheus (Debian's, from hack/tools/prometheus.sh) scraping operator processes every
 * second with the generated alert rules (deploy/prometheus/alerts.yaml) evaluated every second,
 * under job="mapbench-operator" as the rules select.
 */
public final class PrometheusProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    public PrometheusProcess(Path repoRoot, Path workDir, List<Integer> operatorPorts) throws IOException, InterruptedException {
        Process tools = new ProcessBuilder(repoRoot.resolve("hack/tools/prometheus.sh").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String[] lines = new String(tools.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split("\n");
        if (tools.waitFor() != 0) {
            throw new IllegalStateException("hack/tools/prometheus.sh failed");
        }
        Path bin = Path.of(lines[lines.length - 1]);
        Files.createDirectories(workDir);
        Files.copy(repoRoot.resolve("deploy/prometheus/alerts.yaml"), workDir.resolve("alerts.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String targets = operatorPorts.stream().map(p -> "'127.0.0.1:" + p + "'").collect(Collectors.joining(", "));
        Files.writeString(workDir.resolve("prometheus.yml"), """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                rule_files: [alerts.yaml]
                scrape_configs:
                  - job_name: mapbench-operator
                    metrics_path: /q/metrics
                    static_configs: [{targets: [%s]}]
                """.formatted(targets));
        this.port = OperatorProcess.freePort();
        this.process = new ProcessBuilder(bin.resolve("prometheus").toString(),
                "--config.file=" + workDir.resolve("prometheus.yml"), "--storage.tsdb.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(workDir.resolve("prometheus.log").toFile()).start();
    }

    /** The data of an instant query ({@code data.result}). */
    public JsonNode query(String expr) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).path("data").path("result");
    }

    /** The active alerts ({@code data.alerts}). */
    public JsonNode alerts() throws IOException, InterruptedException {
        return get("/api/v1/alerts").path("data").path("alerts");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
