package io.mapbench.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;

/**
 * The MemberCluster controller against the real local clusters (issue 11 defects 5, 9, 10;
 * issue 10 cases 8 and 11): the real operator jar, members onboarded with onboard.sh. A member
 * whose Role lacks pods/log is not Ready and says so; every kind of bad kubeconfig Secret gets
 * its own clear condition while the operator keeps running and never writes the Secret's
 * credentials to its log or to Events; an unchanged member's status is not rewritten by probes.
 */
@LocalClustersTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberClusterIT {
    static final String CLOUD = "cloud-1";
    static final String EDGE = "edge-k3s-1";
    /** Short, so "unchanged for two probe periods" takes seconds, not a minute. */
    static final Duration PROBE_PERIOD = Duration.ofSeconds(3);

    static TestClusters clusters;
    static OperatorProcess operator;
    static String ns;
    static String good;
    static String noLog;
    static String noLogNamespace;
    /** The good member's real ServiceAccount token: bad Secrets carry it too, and it must never leak. */
    static String token;

    @BeforeAll
    static void startOperator(TestClusters c) throws Exception {
        clusters = c;
        ns = c.namespace();
        KubernetesClient hub = c.hub();
        try (Stream<Path> crds = Files.list(c.repoRoot().resolve("crds"))) {
            for (Path crd : crds.filter(p -> p.toString().endsWith(".yml")).toList()) {
                try (InputStream in = new FileInputStream(crd.toFile())) {
                    hub.load(in).forceConflicts().serverSideApply();
                }
            }
        }
        Path kubectl = Onboarding.kubectl(c.repoRoot());
        String label = "mapbench.io/it=" + ns;
        good = ns + "-good";
        noLog = ns + "-nolog";
        noLogNamespace = ns + "-nolog";
        Onboarding.onboard(c.repoRoot(), kubectl, good, "cloud", c.kubeconfig(CLOUD), c.kubeconfig("hub"), ns, ns, label);
        // Onboarded as users do, then its Role loses pods/log before the operator ever sees it.
        Onboarding.onboard(c.repoRoot(), kubectl, noLog, "cloud", c.kubeconfig(CLOUD), c.kubeconfig("hub"), ns,
                noLogNamespace, label);
        Onboarding.withoutPodsLog(c.client(CLOUD), noLogNamespace);
        token = Onboarding.tokenOf(hub, ns, good);
        operator = new OperatorProcess(c.repoRoot(), c.kubeconfig("hub"), ns, label, Map.of(
                "mapbench.policy.enabled", "false",
                "mapbench.member.probe-period", PROBE_PERIOD.toSeconds() + "s",
                "mapbench.member.max-backoff", "5s"));
        operator.start();
        awaitReady(good, ConditionStatus.True);
    }

    @AfterAll
    static void stopOperator() throws Exception {
        try {
            if (clusters != null) {
                KubernetesClient hub = clusters.hub();
                // Deleted while the operator runs: it removes the MemberClusters' finalizers.
                hub.resources(MemberCluster.class).withLabel("mapbench.io/it", ns).delete();
                Onboarding.offboard(hub, clusters.client(CLOUD), good, ns);
                Onboarding.offboard(hub, clusters.client(CLOUD), noLog, noLogNamespace);
                clusters.client(CLOUD).namespaces().withName(noLogNamespace).delete();
                await().atMost(Duration.ofSeconds(60)).until(() -> hub.resources(MemberCluster.class)
                        .withLabel("mapbench.io/it", ns).list().getItems().isEmpty());
            }
        } finally {
            if (operator != null) {
                operator.close();
            }
        }
    }

    @Test
    @Order(1)
    void unchangedMemberStatusIsNotRewrittenByProbes() throws Exception {
        KubernetesClient hub = clusters.hub();
        // A new member's status settles over its first probes (Ready, then the link's Degraded verdict once
        // enough probes were timed); after that, two probe periods pass without a write. A probe that wrote
        // every time (a heartbeat timestamp) would never leave the resourceVersion alone that long.
        await("two probe periods without a status write").atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    String before = hub.resources(MemberCluster.class).withName(good).get().getMetadata().getResourceVersion();
                    Thread.sleep(PROBE_PERIOD.multipliedBy(2).plusSeconds(2).toMillis());
                    return before.equals(hub.resources(MemberCluster.class).withName(good).get().getMetadata().getResourceVersion());
                });
        assertThat(ready(hub.resources(MemberCluster.class).withName(good).get()).getStatus()).isEqualTo(ConditionStatus.True);
    }

    @Test
    @Order(2)
    void roleWithoutPodsLogIsNotReadyAndNamesThePermission() {
        MemberCluster mc = awaitReady(noLog, ConditionStatus.False);
        Condition ready = ready(mc);
        assertThat(ready.getReason()).isEqualTo("Forbidden");
        assertThat(ready.getMessage()).contains("pods/log get").contains(noLogNamespace)
                .doesNotContain("jobs.batch");
    }

    @Test
    @Order(3)
    void revokingPodsLogFromAReadyMemberIsSeenAtTheNextProbeAndRestoringItMakesItReadyAgain() throws Exception {
        KubernetesClient member = clusters.client(CLOUD);
        Role original = member.rbac().roles().inNamespace(ns).withName("mapbench-hub").get();
        Onboarding.withoutPodsLog(member, ns);
        try {
            MemberCluster mc = awaitReady(good, ConditionStatus.False);
            assertThat(ready(mc).getReason()).isEqualTo("Forbidden");
            assertThat(ready(mc).getMessage()).contains("pods/log get");
        } finally {
            original.getMetadata().setResourceVersion(null);
            original.getMetadata().setManagedFields(null);
            member.resource(original).update();
        }
        assertThat(ready(awaitReady(good, ConditionStatus.True)).getReason()).isEqualTo("ProbeSucceeded");
    }

    @Test
    @Order(4)
    void everyBadKubeconfigSecretIsRejectedWithItsOwnConditionAndNoSecretLeaks() throws Exception {
        KubernetesClient hub = clusters.hub();
        Config cloudAdmin = Config.fromKubeconfig(Files.readString(clusters.kubeconfig(CLOUD)));
        Config edgeAdmin = Config.fromKubeconfig(Files.readString(clusters.kubeconfig(EDGE)));
        String server = cloudAdmin.getMasterUrl().replaceAll("/$", "");
        String cloudCa = cloudAdmin.getCaCertData();
        String edgeCa = edgeAdmin.getCaCertData();
        // onboard.sh keeps the hub's ServiceAccount in a namespace of its own, never where Jobs run.
        String accessNs = "mapbench-hub-access";
        String saUid = clusters.client(CLOUD).serviceAccounts().inNamespace(accessNs).withName("mapbench-hub").get()
                .getMetadata().getUid();
        String expired = ExpiredServiceAccountToken.sign(
                clusters.repoRoot().resolve(".local/clusters/" + CLOUD + "/pki/sa.key"), accessNs, "mapbench-hub", saUid);

        record Case(String suffix, byte[] kubeconfig, String reason, String messagePart) {
        }
        List<Case> cases = List.of(
                new Case("exec", BadKubeconfigs.kubeconfig(server, "certificate-authority-data: " + cloudCa,
                        "token: " + token + "\nexec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: /bin/sh"),
                        "InvalidKubeconfig", ".exec is an exec plugin"),
                new Case("authprovider", BadKubeconfigs.kubeconfig(server, "certificate-authority-data: " + cloudCa,
                        "auth-provider:\n  name: oidc\n  config:\n    id-token: " + token),
                        "InvalidKubeconfig", ".auth-provider is not allowed"),
                new Case("tokenfile", BadKubeconfigs.kubeconfig(server, "certificate-authority-data: " + cloudCa,
                        "tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token"),
                        "InvalidKubeconfig", ".tokenFile is a file reference"),
                new Case("cafile", BadKubeconfigs.kubeconfig(server, "certificate-authority: /etc/kubernetes/pki/ca.crt",
                        "token: " + token), "InvalidKubeconfig", ".certificate-authority is a file reference"),
                new Case("insecure", BadKubeconfigs.kubeconfig(server, "insecure-skip-tls-verify: true", "token: " + token),
                        "InvalidKubeconfig", ".insecure-skip-tls-verify is true, which is not allowed"),
                new Case("wrongca", BadKubeconfigs.kubeconfig(server, "certificate-authority-data: " + edgeCa, "token: " + token),
                        "TLSError", "certificate-authority-data"),
                new Case("expired", BadKubeconfigs.kubeconfig(server, "certificate-authority-data: " + cloudCa, "token: " + expired),
                        "Unauthorized", "expired, revoked"),
                new Case("garbage", BadKubeconfigs.garbage(token), "InvalidKubeconfig", "not valid YAML of kind Config"));

        Map<String, Case> byName = new LinkedHashMap<>();
        for (Case k : cases) {
            String name = ns + "-" + k.suffix();
            byName.put(name, k);
            BadKubeconfigs.createMember(hub, name, ns, Map.of("mapbench.io/it", ns, "mapbench.io/tier", "cloud"), k.kubeconfig());
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            SoftAssertions soft = new SoftAssertions();
            byName.forEach((name, k) -> {
                MemberCluster mc = hub.resources(MemberCluster.class).withName(name).get();
                Condition ready = mc.getStatus() == null ? null : ready(mc);
                soft.assertThat(ready).as("%s Ready", k.suffix()).isNotNull();
                if (ready != null) {
                    soft.assertThat(ready.getStatus()).as("%s Ready status", k.suffix()).isEqualTo(ConditionStatus.False);
                    soft.assertThat(ready.getReason()).as("%s reason (%s)", k.suffix(), ready.getMessage())
                            .isEqualTo(k.reason());
                    soft.assertThat(ready.getMessage()).as("%s message", k.suffix()).contains(k.messagePart());
                }
            });
            soft.assertAll();
        });

        assertThat(operator.alive()).as("operator process (log %s)", operator.log()).isTrue();
        List<String> secrets = List.of(token, expired, token.substring(token.length() - 24),
                expired.substring(expired.length() - 24));
        String log = Files.readString(operator.log());
        List<String> texts = new ArrayList<>(List.of(log));
        for (String eventsNamespace : List.of(ns, "default")) {
            hub.v1().events().inNamespace(eventsNamespace).list().getItems()
                    .forEach(e -> texts.add(e.getMessage() + " " + e.getReason()));
        }
        hub.resources(MemberCluster.class).withLabel("mapbench.io/it", ns).list().getItems()
                .forEach(mc -> texts.add(io.fabric8.kubernetes.client.utils.Serialization.asJson(mc.getStatus())));
        for (String text : texts) {
            for (String secret : secrets) {
                assertThat(text.contains(secret)).as("credential material in the operator log, an Event or a status")
                        .isFalse();
            }
        }
        // The good member kept working throughout.
        assertThat(ready(hub.resources(MemberCluster.class).withName(good).get()).getStatus())
                .isEqualTo(ConditionStatus.True);
    }

    static Condition ready(MemberCluster mc) {
        return mc.getStatus().getConditions().stream().filter(c -> ConditionTypes.READY.equals(c.getType()))
                .findFirst().orElse(null);
    }

    static MemberCluster awaitReady(String name, ConditionStatus status) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(operator.alive()).as("operator process (log %s)", operator.log()).isTrue();
            return clusters.hub().resources(MemberCluster.class).withName(name).get();
        }, mc -> mc != null && mc.getStatus() != null && ready(mc) != null && ready(mc).getStatus() == status);
    }
}
