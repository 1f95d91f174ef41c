package io.mapbench.operator.faults;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.it.BadKubeconfigs;
import io.mapbench.operator.it.ExpiredServiceAccountToken;
import io.mapbench.operator.it.Onboarding;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault cases 8 and 11, sharing one operator process (the real jar, default probe settings) and a
 * good member onboarded with onboard.sh:
 *
 * <p>8: a member onboarded with onboard.sh whose Role then lost pods/log before the operator saw
 * it must be Ready=False naming pods/log, and a run placed on it must not sit silently: it ends,
 * or waits with a condition naming that member and why, and no Job is created there.
 *
 * <p>11: one MemberCluster per kind of bad kubeconfig Secret against the real member API server
 * (exec plugin, auth provider, token file, client key file, CA file, insecure-skip-tls-verify,
 * another cluster's CA, an expired token signed with the member's own key, another cluster's
 * client certificate and key, garbage bytes): each Ready=False with the reason and the words the
 * kind calls for; the operator keeps running and the good member Ready; no credential the Secrets
 * hold (tokens, client key, the garbage) appears in the operator log, Events or a MemberCluster
 * status.
 *
 * <p>Both rows run at the quick level (CI) too: they share one operator and take under a minute.
 */
@LocalClustersTest
@Tag(FaultLevel.SHARED)
class MemberAccessFaultIT {
    private static final String PERMISSION_TITLE = "member onboarded with a Role missing pods/log; a run placed on it";
    private static final String KUBECONFIG_TITLE = "bad member kubeconfig Secrets (exec, auth provider, file references,"
            + " insecure-skip-tls-verify, wrong CA, expired token, another cluster's client key, garbage bytes)";
    /** How long a run on the broken member is watched after it first says why it waits. */
    private static final Duration WATCH_WAITING_RUN = Duration.ofSeconds(20);
    /** After the first verdicts: a failing member is probed again after 2, 4 and 8 s; the operator must survive those too. */
    private static final Duration REPEATED_PROBES = Duration.ofSeconds(15);

    private static TestClusters clusters;
    private static FaultFleet fleet;
    private static double setupSeconds;

    @BeforeAll
    static void startFleet(TestClusters c) throws Exception {
        clusters = c;
        long started = System.nanoTime();
        try {
            fleet = new FaultFleet(c);
            fleet.member("cloud", FaultFleet.CLOUD, "cloud", 1).memberWithoutPodsLog("nolog", FaultFleet.CLOUD, "cloud").start();
        } catch (Exception | AssertionError e) {
            // Both rows say that they could not run.
            FaultCase.start("8", PERMISSION_TITLE).abort(e);
            FaultCase.start("11", KUBECONFIG_TITLE).abort(e);
            throw e;
        }
        setupSeconds = (System.nanoTime() - started) / 1e9;
    }

    @AfterAll
    static void closeFleet() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void memberWithoutPodsLogIsNotReadyAndItsRunSaysWhy() throws Exception {
        FaultCase row = FaultCase.start("8", PERMISSION_TITLE);
        try {
            String member = fleet.ns + "-nolog";
            MemberCluster mc = awaitReadyCondition(member, Duration.ofMinutes(2));
            Condition ready = ready(mc);
            boolean namesPermission = ready != null && ready.getStatus() == ConditionStatus.False
                    && String.valueOf(ready.getMessage()).contains("pods/log");
            System.out.println("FAULT 8 " + member + " Ready: " + (ready == null ? "none" : ready.getStatus() + " "
                    + ready.getReason() + ": " + ready.getMessage()));

            fleet.create(fleet.run("on-nolog", List.of("1.26"), "nolog"));
            // Once the run says anything about the member, give it time to do the wrong thing too.
            try {
                await("run on-nolog names " + member).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions().until(() -> FaultFleet.finished(fleet.get("on-nolog"))
                                || explains(fleet.get("on-nolog"), member) != null);
                Thread.sleep(WATCH_WAITING_RUN.toMillis());
            } catch (ConditionTimeoutException e) {
                System.out.println("FAULT 8 the run never named " + member + ": " + fleet.describe(List.of("on-nolog")));
            }
            BenchmarkRun run = fleet.get("on-nolog");
            RunPhase phase = run.getStatus() == null ? null : run.getStatus().getPhase();
            Condition why = explains(run, member);
            System.out.println("FAULT 8 run on-nolog: " + fleet.describe(List.of("on-nolog")));
            int jobs = fleet.jobsCreated(List.of(run));
            int terminal = FaultFleet.finished(run) ? 1 : 0;

            row.runsMayWait(1, terminal).count("member Ready", ready == null ? "none" : ready.getStatus() + "/" + ready.getReason())
                    .count("Ready names pods/log", namesPermission ? "yes" : "no").count("run phase", phase)
                    .count("run condition naming the member", why == null ? "none" : why.getType() + "/" + why.getReason())
                    .count("Jobs created on the member", jobs)
                    .expect(namesPermission, "%s is not Ready=False naming pods/log: %s", member,
                            ready == null ? "no Ready condition" : ready.getStatus() + " " + ready.getMessage())
                    .expect(why != null, "run on-nolog sits in %s without a condition naming %s", phase, member)
                    .expect(jobs == 0, "%d Jobs created on a member that cannot read pod logs", jobs)
                    .duplicateJobs(fleet.duplicateJobs())
                    .orphans(fleet.deleteAndCountOrphans(List.of(run), Duration.ofMinutes(2)))
                    .count("shared setup s", Math.round(setupSeconds));
            row.finish();
        } catch (Exception | AssertionError e) {
            row.abort(e);
            throw e;
        }
    }

    @Test
    void everyBadKubeconfigIsRejectedClearlyAndNoCredentialLeaks() throws Exception {
        FaultCase row = FaultCase.start("11", KUBECONFIG_TITLE);
        try {
            KubernetesClient hub = fleet.hub;
            Config cloudAdmin = Config.fromKubeconfig(Files.readString(clusters.kubeconfig(FaultFleet.CLOUD)));
            Config edgeAdmin = Config.fromKubeconfig(Files.readString(clusters.kubeconfig(FaultFleet.EDGE)));
            String server = cloudAdmin.getMasterUrl().replaceAll("/$", "");
            String cloudCa = cloudAdmin.getCaCertData();
            // The good member's real token: the bad Secrets carry it as well, and it must never show.
            String token = Onboarding.tokenOf(hub, fleet.ns, fleet.ns + "-cloud");
            // onboard.sh's ServiceAccount lives in mapbench-hub-access; a token for it that expired an hour ago.
            String saUid = clusters.client(FaultFleet.CLOUD).serviceAccounts().inNamespace("mapbench-hub-access")
                    .withName("mapbench-hub").get().getMetadata().getUid();
            String expired = ExpiredServiceAccountToken.sign(clusters.repoRoot().resolve(".local/clusters/" + FaultFleet.CLOUD
                    + "/pki/sa.key"), "mapbench-hub-access", "mapbench-hub", saUid);
            String foreignKey = edgeAdmin.getClientKeyData();
            byte[] garbage = BadKubeconfigs.garbage(token);

            // Expected reason and words per kind: what a user needs to read to fix that Secret.
            record Kind(String suffix, byte[] kubeconfig, String reason, String words) {
            }
            String ca = "certificate-authority-data: " + cloudCa;
            List<Kind> kinds = List.of(
                    new Kind("exec", BadKubeconfigs.kubeconfig(server, ca, "token: " + token
                            + "\nexec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: /bin/sh"),
                            "InvalidKubeconfig", "exec is an exec plugin"),
                    new Kind("authprovider", BadKubeconfigs.kubeconfig(server, ca, "auth-provider:\n  name: oidc\n  config:\n    id-token: " + token),
                            "InvalidKubeconfig", "auth-provider is not allowed"),
                    new Kind("tokenfile", BadKubeconfigs.kubeconfig(server, ca, "tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token"),
                            "InvalidKubeconfig", "tokenFile is a file reference"),
                    new Kind("keyfile", BadKubeconfigs.kubeconfig(server, ca, "client-certificate: /etc/mapbench/client.crt\n"
                            + "client-key: /etc/mapbench/client.key"), "InvalidKubeconfig", "client-key are file references"),
                    new Kind("cafile", BadKubeconfigs.kubeconfig(server, "certificate-authority: /etc/kubernetes/pki/ca.crt", "token: " + token),
                            "InvalidKubeconfig", "certificate-authority is a file reference"),
                    new Kind("insecure", BadKubeconfigs.kubeconfig(server, "insecure-skip-tls-verify: true", "token: " + token),
                            "InvalidKubeconfig", "insecure-skip-tls-verify is true"),
                    new Kind("wrongca", BadKubeconfigs.kubeconfig(server, "certificate-authority-data: " + edgeAdmin.getCaCertData(), "token: " + token),
                            "TLSError", "certificate-authority-data"),
                    new Kind("expired", BadKubeconfigs.kubeconfig(server, ca, "token: " + expired), "Unauthorized", "expired"),
                    // Credentials the member does not accept, like the expired token.
                    new Kind("foreignkey", BadKubeconfigs.kubeconfig(server, ca, "client-certificate-data: " + edgeAdmin.getClientCertData()
                            + "\nclient-key-data: " + foreignKey), "Unauthorized", "credentials"),
                    new Kind("garbage", garbage, "InvalidKubeconfig", "not valid YAML"));

            Map<String, Kind> byName = new LinkedHashMap<>();
            for (Kind k : kinds) {
                byName.put(fleet.memberFromKubeconfig(k.suffix(), k.kubeconfig()), k);
            }
            try {
                await("every bad member has a Ready condition").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions().until(() -> !fleet.operator().alive() || byName.keySet().stream()
                                .allMatch(n -> ready(hub.resources(MemberCluster.class).withName(n).get()) != null));
            } catch (ConditionTimeoutException e) {
                System.out.println("FAULT 11 not every bad member has a Ready condition after 120 s");
            }
            Thread.sleep(REPEATED_PROBES.toMillis());
            boolean exited = !fleet.operator().alive();

            int clear = 0;
            List<String> unclear = new ArrayList<>();
            for (Map.Entry<String, Kind> e : byName.entrySet()) {
                Condition ready = ready(hub.resources(MemberCluster.class).withName(e.getKey()).get());
                Kind k = e.getValue();
                System.out.println("FAULT 11 " + k.suffix() + ": " + (ready == null ? "no Ready condition"
                        : ready.getStatus() + " " + ready.getReason() + ": " + ready.getMessage()));
                if (ready != null && ready.getStatus() == ConditionStatus.False && k.reason().equals(ready.getReason())
                        && String.valueOf(ready.getMessage()).contains(k.words())) {
                    clear++;
                } else {
                    unclear.add(k.suffix() + ": wanted " + k.reason() + " naming '" + k.words() + "', got " + (ready == null
                            ? "no Ready condition" : ready.getStatus() + "/" + ready.getReason() + " '" + shorten(ready.getMessage()) + "'"));
                }
            }
            boolean goodReady = FaultFleet.ready(hub.resources(MemberCluster.class).withName(fleet.ns + "-cloud").get());

            // Each credential as stored, and as a log line or a careless message might show it.
            List<String> secrets = new ArrayList<>(List.of(token, expired, token.substring(token.length() - 24),
                    expired.substring(expired.length() - 24), foreignKey, pemBodyLine(foreignKey),
                    Base64.getEncoder().encodeToString(garbage), new String(garbage, StandardCharsets.UTF_8)));
            for (String t : List.of(token, expired)) {
                secrets.add(Base64.getEncoder().encodeToString(t.getBytes(StandardCharsets.UTF_8)));
            }
            String log = fleet.operatorLog();
            StringBuilder elsewhere = new StringBuilder();
            for (String eventsNamespace : List.of(fleet.ns, "default")) { // MemberClusters are cluster-scoped: their Events go to default
                for (Event ev : hub.v1().events().inNamespace(eventsNamespace).list().getItems()) {
                    elsewhere.append(ev.getReason()).append('\n').append(ev.getMessage()).append('\n');
                }
            }
            for (String name : byName.keySet()) {
                elsewhere.append(hub.getKubernetesSerialization().asJson(hub.resources(MemberCluster.class).withName(name).get()
                        .getStatus())).append('\n');
            }
            int leaks = 0;
            for (String secret : secrets) {
                leaks += SecurityFaultIT.count(log, secret) + SecurityFaultIT.count(elsewhere.toString(), secret);
            }

            row.count("kinds tried", kinds.size()).count("rejected clearly", clear).count("operator exits", exited ? 1 : 0)
                    .count("good member Ready", goodReady ? "yes" : "no").count("secret values checked", secrets.size())
                    .count("secret values in log, Events or status", leaks)
                    .expect(clear == kinds.size(), "%d of %d kinds not rejected with their reason and words: %s",
                            kinds.size() - clear, kinds.size(), unclear)
                    .expect(!exited, "the operator exited (log %s)", fleet.operator().log())
                    .expect(goodReady, "the good member is not Ready any more")
                    .expect(leaks == 0, "%d secret values in the operator log, Events or a MemberCluster status", leaks)
                    .expect(secrets.stream().allMatch(v -> v.length() >= 16), "a secret value under 16 characters (never searched)")
                    .count("shared setup s", Math.round(setupSeconds));
            row.finish();
        } catch (Exception | AssertionError e) {
            row.abort(e);
            throw e;
        }
    }

    private static String shorten(String s) {
        return s == null || s.length() <= 90 ? s : s.substring(0, 90) + "...";
    }

    /** The run's condition that names the member as the reason it cannot go on, null when none does. */
    private static Condition explains(BenchmarkRun run, String member) {
        if (run == null || run.getStatus() == null || run.getStatus().getConditions() == null) {
            return null;
        }
        return run.getStatus().getConditions().stream().filter(c -> c.getStatus() == ConditionStatus.False || ConditionTypes.DEGRADED
                .equals(c.getType())).filter(c -> c.getMessage() != null && c.getMessage().contains(member))
                .filter(c -> c.getMessage().contains("not Ready") || c.getMessage().contains("pods/log")).findFirst().orElse(null);
    }

    private static MemberCluster awaitReadyCondition(String name, Duration atMost) {
        try {
            return await(name + " has a Ready condition").atMost(atMost).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> fleet.hub.resources(MemberCluster.class).withName(name).get(), mc -> ready(mc) != null);
        } catch (ConditionTimeoutException e) {
            return fleet.hub.resources(MemberCluster.class).withName(name).get();
        }
    }

    private static Condition ready(MemberCluster mc) {
        if (mc == null || mc.getStatus() == null || mc.getStatus().getConditions() == null) {
            return null;
        }
        return mc.getStatus().getConditions().stream().filter(c -> ConditionTypes.READY.equals(c.getType())).findFirst().orElse(null);
    }

    /** The first base64 line inside the PEM that {@code keyData} (base64 of a PEM) holds: what a printed key shows. */
    static String pemBodyLine(String keyData) {
        String pem = new String(Base64.getDecoder().decode(keyData), StandardCharsets.UTF_8);
        return pem.lines().filter(l -> !l.startsWith("-----") && !l.isBlank()).findFirst().orElseThrow();
    }
}
