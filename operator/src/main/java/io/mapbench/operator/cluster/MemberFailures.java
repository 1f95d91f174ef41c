package io.mapbench.operator.cluster;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.remote.InformerHealth;
import io.mapbench.operator.remote.MemberPermission;

/**
 * Turns a failure talking to a member into the Ready condition's reason and message (pure). The
 * message names the cause a user can fix: the missing permission of a 403, the CA of a TLS error,
 * the credentials of a 401. It quotes the API server's and the TLS stack's words, never the
 * kubeconfig's content.
 */
final class MemberFailures {
    /** Kubernetes' RBAC denial: `... cannot list resource "jobs" in API group "batch" in the namespace "x"`. */
    private static final Pattern RBAC_DENIAL = Pattern.compile(
            "cannot (\\w+) resource \"([^\"]+)\" in API group \"([^\"]*)\"(?: in the namespace \"([^\"]+)\"| at the cluster scope)?");
    static final String ONBOARD_HINT = "grant it as deploy/member/rbac.yaml does (re-run deploy/member/onboard.sh)";
    /** The user a kube-apiserver names when a request carried no credentials it accepted. */
    private static final String ANONYMOUS = "User \"system:anonymous\"";

    private MemberFailures() {
    }

    static ReadyProblem describe(Throwable failure, String server) {
        if (failure instanceof KubernetesClientException k && k.getCode() == 401) {
            return new ReadyProblem(ConditionReasons.UNAUTHORIZED, "member API server " + server
                    + " rejected the kubeconfig's credentials (HTTP 401): the token is expired, revoked or from"
                    + " another cluster; re-run deploy/member/onboard.sh to store a fresh one");
        }
        if (failure instanceof KubernetesClientException k && k.getCode() == 403) {
            return forbidden(k);
        }
        Throwable tls = find(failure, SSLException.class, CertificateException.class);
        if (tls != null) {
            return new ReadyProblem(ConditionReasons.TLS_ERROR, "TLS handshake with member API server " + server
                    + " failed (" + firstLine(tls) + "): certificate-authority-data in the kubeconfig must be the CA"
                    + " that signed the member's serving certificate");
        }
        String cause = firstLine(failure);
        Throwable network = find(failure, ConnectException.class, SocketTimeoutException.class,
                UnknownHostException.class);
        if (network != null && !cause.contains(String.valueOf(network.getMessage()))) {
            cause += " (" + firstLine(network) + ")";
        }
        return new ReadyProblem(ConditionReasons.UNREACHABLE, "member API server " + server + " unreachable: " + cause);
    }

    /** A 403: names the denied permission when the API server's message says which one. */
    static ReadyProblem forbidden(KubernetesClientException e) {
        String text = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : String.valueOf(e.getMessage());
        if (text.contains(ANONYMOUS)) {
            // Not an RBAC gap: the member never saw the kubeconfig's identity. A TLS client sends no client
            // certificate that the server's client CA did not sign, so another cluster's key ends up here.
            return new ReadyProblem(ConditionReasons.UNAUTHORIZED, "member API server treated the operator as"
                    + " system:anonymous (HTTP 403): the kubeconfig's credentials were not sent or not accepted (a client"
                    + " certificate not signed by the member's client CA is not sent); re-run deploy/member/onboard.sh"
                    + " to store a token of the member's own ServiceAccount");
        }
        Matcher m = RBAC_DENIAL.matcher(text);
        if (m.find()) {
            MemberPermission denied = new MemberPermission(m.group(3), m.group(2), m.group(1));
            String where = m.group(4) == null ? "cluster-wide" : "in namespace " + m.group(4);
            return new ReadyProblem(ConditionReasons.FORBIDDEN, "member RBAC denies " + denied + " " + where
                    + " (HTTP 403): " + ONBOARD_HINT);
        }
        return new ReadyProblem(ConditionReasons.FORBIDDEN, "member API server refused a request (HTTP 403: "
                + text.lines().findFirst().orElse("") + "): " + ONBOARD_HINT);
    }

    /** Permissions a rules review found missing in the workload namespace. */
    static ReadyProblem missing(List<MemberPermission> missing, String namespace) {
        return new ReadyProblem(ConditionReasons.FORBIDDEN, "member RBAC does not grant "
                + String.join(", ", missing.stream().map(MemberPermission::toString).toList())
                + " in namespace " + namespace + ": " + ONBOARD_HINT.replace("grant it", "grant them"));
    }

    /**
     * The member answered and grants every permission, but a cache did not complete its first
     * listing in time: the informer's own last error says why (a 403 names the permission).
     */
    static ReadyProblem notSynced(List<InformerHealth> informers, String server) {
        for (InformerHealth informer : informers) {
            if (informer.synced() || informer.lastError() == null) {
                continue;
            }
            if (informer.lastErrorCode() == 403) {
                return forbidden((KubernetesClientException) informer.lastError());
            }
            ReadyProblem cause = describe(informer.lastError(), server);
            if (!ConditionReasons.UNREACHABLE.equals(cause.reason())) {
                return cause;
            }
            return new ReadyProblem(ConditionReasons.CACHES_NOT_SYNCED, "the member's " + informer.resource()
                    + " cache has not synced; last list/watch error"
                    + (informer.lastErrorCode() > 0 ? " (HTTP " + informer.lastErrorCode() + ")" : "") + ": "
                    + firstLine(informer.lastError()));
        }
        List<String> pending = informers.stream().filter(i -> !i.synced()).map(InformerHealth::resource).toList();
        return new ReadyProblem(ConditionReasons.CACHES_NOT_SYNCED, "the member's " + (pending.isEmpty()
                ? "Job/Pod caches are" : String.join(" and ", pending) + " caches are")
                + " still listing (no error so far); runs are placed there once they have synced");
    }

    @SafeVarargs
    private static Throwable find(Throwable t, Class<? extends Throwable>... types) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(c)) {
                    return c;
                }
            }
        }
        return null;
    }

    static String firstLine(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.lines().findFirst().orElse(msg);
    }
}
