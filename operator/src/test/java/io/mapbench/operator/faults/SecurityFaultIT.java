package io.mapbench.operator.faults;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.it.Onboarding;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Fault case 14: the operator runs with exactly the Helm chart's hub RBAC (ServiceAccount, Role,
 * ClusterRole and bindings rendered by `helm template` with watchNamespaces = the test namespace,
 * a token of that ServiceAccount as its only credential) and the members with the onboarding RBAC
 * of deploy/member; a run on cloud and edge succeeds with its pods admitted under PodSecurity
 * `restricted` enforce on both members; no operator log line and no Event holds a Secret value
 * (member tokens, the operator's own token, in plain or base64 form). Full level only.
 */
@LocalClustersTest
@EnabledIf("io.mapbench.operator.faults.FaultLevel#full")
@Tag(FaultLevel.SHARED)
class SecurityFaultIT {

    @Test
    void chartRbacRestrictedPodsAndNoSecretInLogsOrEvents(TestClusters clusters) throws Exception {
        FaultCase row = FaultCase.start("14", "chart hub RBAC only, onboarding member RBAC, PodSecurity restricted, no secret logged");
        KubernetesClient hub = clusters.hub();
        String ns = clusters.namespace();
        String release = "f14" + ns.substring(ns.length() - 5);
        List<HasMetadata> rbac = chartRbac(clusters, release, ns);
        Path kubeconfig = null;
        try {
            for (HasMetadata o : rbac) {
                hub.resource(o).fieldManager("mapbench-faults").forceConflicts().serverSideApply();
            }
            String sa = rbac.stream().filter(o -> o.getKind().equals("ServiceAccount")).findFirst().orElseThrow().getMetadata().getName();
            String token = hub.serviceAccounts().inNamespace(ns).withName(sa).tokenRequest(new TokenRequestBuilder().withNewSpec()
                    .withExpirationSeconds(7200L).endSpec().build()).getStatus().getToken();
            kubeconfig = tokenKubeconfig(hub.getConfiguration(), token, ns);
            hub.namespaces().withName(ns).edit(n -> {
                n.getMetadata().getLabels().put("mapbench.io/edge-allowed", "true");
                return n;
            });
            try (FaultFleet fleet = new FaultFleet(clusters).operatorKubeconfig(kubeconfig).member("cloud", FaultFleet.CLOUD, "cloud", 3)
                    .member("edge", FaultFleet.EDGE, "edge", 3).withPolicy().start()) {
                try {
                    List<String> enforced = new ArrayList<>();
                    for (String member : List.of(FaultFleet.CLOUD, FaultFleet.EDGE)) {
                        Namespace n = clusters.client(member).namespaces().withName(ns).get();
                        if ("restricted".equals(n.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"))) {
                            enforced.add(member);
                        }
                    }
                    fleet.create(fleet.run("secure", List.of("1.26"), "cloud", "edge"));
                    List<BenchmarkRun> runs = fleet.awaitFinished(List.of("secure"), Duration.ofMinutes(8));
                    RunPhase phase = runs.get(0) == null || runs.get(0).getStatus() == null ? null : runs.get(0).getStatus().getPhase();

                    List<String> secrets = new ArrayList<>(List.of(token));
                    for (Secret s : hub.secrets().inNamespace(ns).list().getItems()) {
                        if (s.getData() != null) {
                            s.getData().values().forEach(v -> secrets.addAll(tokensIn(new String(Base64.getDecoder().decode(v),
                                    StandardCharsets.UTF_8))));
                        }
                    }
                    String log = fleet.operatorLog();
                    StringBuilder events = new StringBuilder();
                    for (Event e : hub.v1().events().inNamespace(ns).list().getItems()) {
                        events.append(e.getMessage()).append('\n').append(e.getReason()).append('\n');
                    }
                    int leaks = 0;
                    for (String secret : secrets) {
                        String b64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
                        for (String needle : List.of(secret, b64)) {
                            leaks += count(log, needle) + count(events.toString(), needle);
                        }
                    }
                    long forbidden = log.lines().filter(l -> l.contains("Forbidden") || l.contains("forbidden")).count();
                    row.runs(1, FaultFleet.finishedCount(runs)).count("phase", phase)
                            .count("members enforcing restricted", enforced.size() + "/2")
                            .count("secret values checked", secrets.size()).count("secret values in log or Events", leaks)
                            .count("Forbidden lines in operator log", forbidden)
                            .expect(phase == RunPhase.Succeeded, "run %s with chart RBAC, not Succeeded", phase)
                            .expect(enforced.size() == 2, "PodSecurity restricted not enforced on %d members", 2 - enforced.size())
                            .expect(secrets.size() >= 3, "only %d secret values found to check", secrets.size())
                            .expect(leaks == 0, "%d secret values in the operator log or Events", leaks)
                            .expect(forbidden == 0, "%d operator log lines report Forbidden with the chart's RBAC", forbidden)
                            .results(fleet.lostResults(runs), fleet.duplicateResults(runs))
                            .duplicateJobs(fleet.duplicateJobs())
                            .orphans(fleet.deleteAndCountOrphans(runs, Duration.ofMinutes(2)));
                    row.finish();
                } catch (Exception | AssertionError e) {
                    row.abort(e);
                    throw e;
                }
            }
        } catch (Exception | AssertionError e) {
            row.abort(e); // also when the fleet could not even start
            throw e;
        } finally {
            for (HasMetadata o : rbac) {
                if (o.getMetadata().getNamespace() == null) {
                    hub.resource(o).delete(); // cluster-scoped: the namespace's deletion does not take it
                }
            }
            if (kubeconfig != null) {
                Files.deleteIfExists(kubeconfig);
            }
        }
    }

    /** The chart's ServiceAccount, Roles, ClusterRole and bindings for the operator (helm template; no cleanup hook objects). */
    static List<HasMetadata> chartRbac(TestClusters clusters, String release, String ns) throws Exception {
        Process helmPath = new ProcessBuilder(clusters.repoRoot().resolve("hack/tools/helm.sh").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(helmPath.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (helmPath.waitFor() != 0) {
            throw new IllegalStateException("hack/tools/helm.sh failed");
        }
        String helm = out.substring(out.lastIndexOf('\n') + 1);
        List<String> cmd = new ArrayList<>(List.of(helm, "template", release, clusters.repoRoot().resolve("helm/mapbench-operator").toString(),
                "--namespace", ns, "--set", "watchNamespaces[0]=" + ns));
        for (String t : List.of("serviceaccount", "role", "rolebinding", "clusterrole", "clusterrolebinding")) {
            cmd.addAll(List.of("--show-only", "templates/" + t + ".yaml"));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String yaml = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("helm template failed:\n" + yaml);
        }
        return clusters.hub().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    }

    /** A kubeconfig holding only the hub's address, CA and the token. */
    static Path tokenKubeconfig(Config admin, String token, String ns) throws Exception {
        String ca = admin.getCaCertData() != null ? admin.getCaCertData()
                : Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(admin.getCaCertFile())));
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: hub
                  cluster: {server: "%s", certificate-authority-data: "%s"}
                users:
                - name: operator
                  user: {token: "%s"}
                contexts:
                - name: operator
                  context: {cluster: hub, user: operator, namespace: "%s"}
                current-context: operator
                """.formatted(admin.getMasterUrl().replaceAll("/$", ""), ca, token, ns);
        Path f = Files.createTempFile("mapbench-f14-", ".kubeconfig");
        Files.writeString(f, yaml);
        return f;
    }

    /** Token values in a kubeconfig text (the member Secrets hold token kubeconfigs). */
    static List<String> tokensIn(String text) {
        List<String> tokens = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("token:")) {
                tokens.add(l.substring("token:".length()).strip().replace("\"", ""));
            }
        }
        return tokens;
    }

    static int count(String haystack, String needle) {
        if (needle.length() < 16) {
            return 0; // not a credential; would only match by accident
        }
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

}
