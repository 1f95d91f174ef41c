package io.mapbench.operator.remote;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;

/**
 * A member cluster's kubeconfig, checked before any client is built from it: the operator runs
 * with the hub's privileges, so a kubeconfig from a Secret must not make it run a program (exec
 * plugins, auth-provider commands) or read files from the operator's file system (tokenFile,
 * client-certificate, client-key, certificate-authority paths), and must not switch off the
 * server's certificate check (insecure-skip-tls-verify): the member holds the run's results, and a
 * token sent to an unverified server is a token given away. Only credentials embedded in the
 * kubeconfig itself are accepted: a bearer token or client certificate data. Error messages name
 * fields, never values: they end up in the MemberCluster's status, readable far more widely than
 * the Secret.
 */
public final class MemberKubeconfig {
    private final String yaml;
    private final String server;
    private final String digest;

    private MemberKubeconfig(String yaml, String server) {
        this.yaml = yaml;
        this.server = server;
        this.digest = sha256(yaml);
    }

    /** Parses and checks a kubeconfig; the exception message names the field and the fix. */
    public static MemberKubeconfig parse(String yaml) throws InvalidKubeconfigException {
        if (yaml == null || yaml.isBlank()) {
            throw new InvalidKubeconfigException("kubeconfig is empty: store a kubeconfig with embedded credentials"
                    + " (deploy/member/onboard.sh writes one)");
        }
        Config config;
        try {
            config = KubeConfigUtils.parseConfigFromString(yaml);
        } catch (RuntimeException e) {
            throw new InvalidKubeconfigException("kubeconfig is not valid YAML of kind Config" + location(e)
                    + ": store a kubeconfig with embedded credentials (deploy/member/onboard.sh writes one)");
        }
        if (config == null) {
            throw new InvalidKubeconfigException("kubeconfig is not valid YAML of kind Config");
        }
        String contextName = config.getCurrentContext();
        if (contextName == null || contextName.isBlank()) {
            throw new InvalidKubeconfigException("current-context is not set: name the context the hub should use");
        }
        Context context = find(config.getContexts(), NamedContext::getName, contextName)
                .map(NamedContext::getContext)
                .orElseThrow(() -> new InvalidKubeconfigException(
                        "current-context '" + contextName + "' is not in contexts[]"));
        Cluster cluster = find(config.getClusters(), NamedCluster::getName, context.getCluster())
                .map(NamedCluster::getCluster)
                .orElseThrow(() -> new InvalidKubeconfigException(
                        "contexts[" + contextName + "].context.cluster '" + context.getCluster() + "' is not in clusters[]"));
        AuthInfo user = find(config.getUsers(), NamedAuthInfo::getName, context.getUser())
                .map(NamedAuthInfo::getUser)
                .orElseThrow(() -> new InvalidKubeconfigException(
                        "contexts[" + contextName + "].context.user '" + context.getUser() + "' is not in users[]"));
        String clusterField = "clusters[" + context.getCluster() + "].cluster";
        String userField = "users[" + context.getUser() + "].user";
        checkCluster(cluster, clusterField);
        checkUser(user, userField);
        return new MemberKubeconfig(yaml, cluster.getServer());
    }

    private static void checkCluster(Cluster cluster, String field) throws InvalidKubeconfigException {
        if (cluster.getServer() == null || cluster.getServer().isBlank()) {
            throw new InvalidKubeconfigException(field + ".server is not set: give the member API server's https:// URL");
        }
        URI uri;
        try {
            uri = URI.create(cluster.getServer());
        } catch (IllegalArgumentException e) {
            throw new InvalidKubeconfigException(field + ".server '" + cluster.getServer() + "' is not a URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new InvalidKubeconfigException(field + ".server '" + cluster.getServer()
                    + "' must be an https:// URL with a host");
        }
        if (Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify())) {
            throw new InvalidKubeconfigException(field + ".insecure-skip-tls-verify is true, which is not allowed"
                    + " (the hub would send its token to any server): remove it and embed the member's CA as"
                    + " certificate-authority-data");
        }
        if (cluster.getCertificateAuthority() != null) {
            throw new InvalidKubeconfigException(field + ".certificate-authority is a file reference, which is not"
                    + " allowed: embed the CA as certificate-authority-data");
        }
    }

    private static void checkUser(AuthInfo user, String field) throws InvalidKubeconfigException {
        if (user.getExec() != null) {
            throw new InvalidKubeconfigException(field + ".exec is an exec plugin, which is not allowed (the operator"
                    + " never runs programs named in a Secret): embed a ServiceAccount token instead");
        }
        if (user.getAuthProvider() != null) {
            throw new InvalidKubeconfigException(field + ".auth-provider is not allowed (auth providers run commands or"
                    + " read files): embed a ServiceAccount token instead");
        }
        if (user.getTokenFile() != null) {
            throw new InvalidKubeconfigException(field + ".tokenFile is a file reference, which is not allowed:"
                    + " embed the token as token");
        }
        if (user.getClientCertificate() != null || user.getClientKey() != null) {
            throw new InvalidKubeconfigException(field + ".client-certificate/client-key are file references, which"
                    + " are not allowed: embed them as client-certificate-data and client-key-data");
        }
        boolean token = user.getToken() != null && !user.getToken().isBlank();
        boolean cert = user.getClientCertificateData() != null && user.getClientKeyData() != null;
        if (!token && !cert) {
            throw new InvalidKubeconfigException(field + " has no embedded credentials: set token (a ServiceAccount"
                    + " token) or client-certificate-data and client-key-data");
        }
    }

    private static <T> Optional<T> find(List<T> items, Function<T, String> name, String wanted) {
        if (items == null || wanted == null) {
            return Optional.empty();
        }
        return items.stream().filter(i -> wanted.equals(name.apply(i))).findFirst();
    }

    /**
     * Where the parser gave up (" at line L, column C"), without its message: YAML and Jackson
     * messages quote the offending text, which may be a token or a key.
     */
    private static String location(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation().getLineNr() > 0) {
                return " (parser stopped at line " + j.getLocation().getLineNr() + ", column "
                        + j.getLocation().getColumnNr() + ")";
            }
        }
        return "";
    }

    private static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kubeconfig text (only ever handed to the Fabric8 client builder). */
    public String yaml() {
        return yaml;
    }

    /** API server URL of the current context. */
    public String server() {
        return server;
    }

    /** SHA-256 of the kubeconfig: a changed Secret means a new digest, which rebuilds the client. */
    public String digest() {
        return digest;
    }
}
