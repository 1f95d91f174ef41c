package io.mapbench.operator.testfixtures;

/** Member kubeconfigs for tests: the shape deploy/member/onboard.sh writes, with the bodies swapped in. */
public final class Kubeconfigs {
    private Kubeconfigs() {
    }

    /** One cluster {@code m}, one user {@code u}, one current context; the bodies go under {@code cluster:} and {@code user:}. */
    public static String kubeconfig(String clusterBody, String userBody) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: m
                    cluster:
                %s
                users:
                  - name: u
                    user:
                %s
                contexts:
                  - name: c
                    context:
                      cluster: m
                      user: u
                current-context: c
                """.formatted(clusterBody.indent(6).stripTrailing(), userBody.indent(6).stripTrailing());
    }
}
