package io.mapbench.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.remote.InformerHealth;
import io.mapbench.operator.remote.MemberPermission;

class MemberFailuresTest {
    private static final String SERVER = "https://127.0.0.1:16443";

    /** What a kube-apiserver answers to a request RBAC denies (message format of k8s.io/apiserver). */
    static KubernetesClientException forbidden(String what, String verb, String resource, String group, String scope) {
        String message = what + " is forbidden: User \"system:serviceaccount:mapbench-workloads:mapbench-hub\" cannot "
                + verb + " resource \"" + resource + "\" in API group \"" + group + "\"" + scope;
        return new KubernetesClientException(new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage(message).build());
    }

    @Test
    void forbiddenPodLogNamesThePermissionAndNamespace() {
        ReadyProblem p = MemberFailures.describe(forbidden("pods \"run-1\"", "get", "pods/log", "",
                " in the namespace \"mapbench-workloads\""), SERVER);
        assertThat(p.reason()).isEqualTo(ConditionReasons.FORBIDDEN);
        assertThat(p.message()).startsWith("member RBAC denies pods/log get in namespace mapbench-workloads (HTTP 403)")
                .contains("deploy/member/rbac.yaml");
    }

    @Test
    void forbiddenClusterScopedNodesNamesThem() {
        ReadyProblem p = MemberFailures.describe(forbidden("nodes", "list", "nodes", "", " at the cluster scope"), SERVER);
        assertThat(p.reason()).isEqualTo(ConditionReasons.FORBIDDEN);
        assertThat(p.message()).startsWith("member RBAC denies nodes list cluster-wide");
    }

    @Test
    void forbiddenJobsKeepsTheGroup() {
        ReadyProblem p = MemberFailures.describe(forbidden("jobs.batch", "watch", "jobs", "batch",
                " in the namespace \"w\""), SERVER);
        assertThat(p.message()).startsWith("member RBAC denies jobs.batch watch in namespace w");
    }

    @Test
    void unparsableForbiddenStillSaysForbidden() {
        ReadyProblem p = MemberFailures.describe(new KubernetesClientException(new StatusBuilder().withCode(403)
                .withMessage("admission webhook said no").build()), SERVER);
        assertThat(p.reason()).isEqualTo(ConditionReasons.FORBIDDEN);
        assertThat(p.message()).contains("HTTP 403: admission webhook said no");
    }

    @Test
    void anonymousForbiddenSaysTheCredentialsWereNotUsedNotThatRbacLacksARule() {
        ReadyProblem p = MemberFailures.describe(new KubernetesClientException(new StatusBuilder().withCode(403)
                .withMessage("nodes is forbidden: User \"system:anonymous\" cannot list resource \"nodes\" in API group \"\""
                        + " at the cluster scope").build()), SERVER);
        assertThat(p.reason()).isEqualTo(ConditionReasons.UNAUTHORIZED);
        assertThat(p.message()).startsWith("member API server treated the operator as system:anonymous (HTTP 403)")
                .contains("credentials were not sent or not accepted").doesNotContain("RBAC");
    }

    @Test
    void unauthorizedSaysTheTokenIsBad() {
        ReadyProblem p = MemberFailures.describe(new KubernetesClientException(new StatusBuilder().withCode(401)
                .withMessage("Unauthorized").build()), SERVER);
        assertThat(p.reason()).isEqualTo(ConditionReasons.UNAUTHORIZED);
        assertThat(p.message()).contains(SERVER).contains("expired, revoked");
    }

    @Test
    void tlsFailureNamesTheCaField() {
        KubernetesClientException e = new KubernetesClientException("An error has occurred.",
                new RuntimeException(new SSLHandshakeException("PKIX path building failed: unable to find valid"
                        + " certification path to requested target")));
        ReadyProblem p = MemberFailures.describe(e, SERVER);
        assertThat(p.reason()).isEqualTo(ConditionReasons.TLS_ERROR);
        assertThat(p.message()).contains(SERVER).contains("PKIX path building failed")
                .contains("certificate-authority-data");
    }

    @Test
    void connectionRefusedIsUnreachableWithTheCause() {
        KubernetesClientException e = new KubernetesClientException("An error has occurred.",
                new ConnectException("Connection refused"));
        ReadyProblem p = MemberFailures.describe(e, SERVER);
        assertThat(p.reason()).isEqualTo(ConditionReasons.UNREACHABLE);
        assertThat(p.message()).isEqualTo("member API server " + SERVER
                + " unreachable: An error has occurred. (Connection refused)");
    }

    @Test
    void missingPermissionsAreListed() {
        ReadyProblem p = MemberFailures.missing(List.of(new MemberPermission("", "pods/log", "get"),
                new MemberPermission("batch", "jobs", "deletecollection")), "mapbench-workloads");
        assertThat(p.reason()).isEqualTo(ConditionReasons.FORBIDDEN);
        assertThat(p.message()).startsWith("member RBAC does not grant pods/log get, jobs.batch deletecollection in"
                + " namespace mapbench-workloads: grant them");
    }

    @Test
    void cacheStuckOnForbiddenNamesThePermission() {
        InformerHealth jobs = new InformerHealth("jobs.batch", false, false,
                forbidden("jobs.batch", "list", "jobs", "batch", " in the namespace \"w\""), Instant.EPOCH);
        InformerHealth pods = new InformerHealth("pods", true, true, null, null);
        ReadyProblem p = MemberFailures.notSynced(List.of(pods, jobs), SERVER);
        assertThat(p.reason()).isEqualTo(ConditionReasons.FORBIDDEN);
        assertThat(p.message()).startsWith("member RBAC denies jobs.batch list in namespace w");
    }

    @Test
    void cacheStuckOnServerErrorQuotesItWithStatus() {
        InformerHealth pods = new InformerHealth("pods", false, false, new KubernetesClientException(
                new StatusBuilder().withCode(500).withMessage("etcdserver: request timed out").build()), Instant.EPOCH);
        ReadyProblem p = MemberFailures.notSynced(List.of(pods), SERVER);
        assertThat(p.reason()).isEqualTo(ConditionReasons.CACHES_NOT_SYNCED);
        assertThat(p.message()).contains("pods cache has not synced").contains("(HTTP 500)")
                .contains("etcdserver: request timed out");
    }

    @Test
    void cacheStillListingWithoutErrorSaysSo() {
        ReadyProblem p = MemberFailures.notSynced(List.of(new InformerHealth("jobs.batch", false, false, null, null),
                new InformerHealth("pods", true, true, null, null)), SERVER);
        assertThat(p.reason()).isEqualTo(ConditionReasons.CACHES_NOT_SYNCED);
        assertThat(p.message()).contains("jobs.batch caches are still listing");
    }
}
