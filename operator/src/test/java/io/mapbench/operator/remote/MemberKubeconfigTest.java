package io.mapbench.operator.remote;

import static io.mapbench.operator.testfixtures.Kubeconfigs.kubeconfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MemberKubeconfigTest {
    private static final String CA = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==";

    static final String GOOD_CLUSTER = "server: https://127.0.0.1:6443\ncertificate-authority-data: " + CA;

    @Test
    void acceptsEmbeddedToken() throws Exception {
        MemberKubeconfig kc = MemberKubeconfig.parse(kubeconfig(GOOD_CLUSTER, "token: abc.def"));
        assertThat(kc.server()).isEqualTo("https://127.0.0.1:6443");
        assertThat(kc.digest()).hasSize(64);
    }

    @Test
    void acceptsEmbeddedClientCertificate() throws Exception {
        MemberKubeconfig.parse(kubeconfig(GOOD_CLUSTER, "client-certificate-data: " + CA + "\nclient-key-data: " + CA));
    }

    @Test
    void digestChangesWithContent() throws Exception {
        String a = MemberKubeconfig.parse(kubeconfig(GOOD_CLUSTER, "token: one")).digest();
        String b = MemberKubeconfig.parse(kubeconfig(GOOD_CLUSTER, "token: two")).digest();
        assertThat(a).isNotEqualTo(b);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("exec plugin", kubeconfig(GOOD_CLUSTER,
                        "exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: /bin/steal"),
                        "users[u].user.exec is an exec plugin"),
                Arguments.of("auth provider", kubeconfig(GOOD_CLUSTER,
                        "auth-provider:\n  name: gcp\n  config:\n    cmd-path: /usr/bin/gcloud"),
                        "users[u].user.auth-provider is not allowed"),
                Arguments.of("token file", kubeconfig(GOOD_CLUSTER, "tokenFile: /var/run/secrets/token"),
                        "users[u].user.tokenFile is a file reference"),
                Arguments.of("client cert file", kubeconfig(GOOD_CLUSTER,
                        "client-certificate: /etc/cert.pem\nclient-key: /etc/key.pem"),
                        "client-certificate/client-key are file references"),
                Arguments.of("CA file", kubeconfig("server: https://h:1\ncertificate-authority: /etc/ca.crt", "token: t"),
                        "clusters[m].cluster.certificate-authority is a file reference"),
                Arguments.of("no credentials", kubeconfig(GOOD_CLUSTER, "username: admin"),
                        "users[u].user has no embedded credentials"),
                Arguments.of("plain http", kubeconfig("server: http://127.0.0.1:8080", "token: t"),
                        "must be an https:// URL"),
                Arguments.of("no server", kubeconfig("insecure-skip-tls-verify: true", "token: t"),
                        "clusters[m].cluster.server is not set"),
                Arguments.of("insecure-skip-tls-verify", kubeconfig("server: https://h:1\ninsecure-skip-tls-verify: true",
                        "token: t"), "clusters[m].cluster.insecure-skip-tls-verify is true, which is not allowed"),
                Arguments.of("insecure-skip-tls-verify with a CA", kubeconfig(GOOD_CLUSTER
                        + "\ninsecure-skip-tls-verify: true", "token: t"), "insecure-skip-tls-verify is true"),
                Arguments.of("garbage bytes", "\u0000\u00ff\u00fe: [ {", "kubeconfig is not valid YAML of kind Config"),
                Arguments.of("empty", "", "kubeconfig is empty"),
                Arguments.of("no current context", kubeconfig(GOOD_CLUSTER, "token: t").replace("current-context: c", ""),
                        "current-context is not set"),
                Arguments.of("dangling context", kubeconfig(GOOD_CLUSTER, "token: t").replace("current-context: c",
                        "current-context: other"), "current-context 'other' is not in contexts[]"));
    }

    @Test
    void parseErrorsNameThePositionNeverTheContent() {
        // a token where the parser trips must not come back in the message (it goes into status)
        String secret = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl";
        for (String yaml : new String[] {"users: [ { token: " + secret + " ", "clusters: " + secret + "\n  - : :",
                kubeconfig(GOOD_CLUSTER, "token: [" + secret), "kind: Config\nusers: " + secret}) {
            assertThatThrownBy(() -> MemberKubeconfig.parse(yaml))
                    .isInstanceOf(InvalidKubeconfigException.class)
                    .hasMessageStartingWith("kubeconfig is not valid YAML of kind Config")
                    .hasMessageNotContaining(secret)
                    .hasMessageNotContaining("c2VjcmV0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsWithFieldAndFix(String name, String yaml, String message) {
        assertThatThrownBy(() -> MemberKubeconfig.parse(yaml))
                .isInstanceOf(InvalidKubeconfigException.class)
                .hasMessageContaining(message);
    }
}
