package io.mapbench.operator.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.mapbench.operator.api.v1alpha1.MemberCluster;

/**
 * Onboards a member for a test exactly as users do: deploy/member/onboard.sh with the member's
 * admin kubeconfig creates the restricted workload namespace, the hub ServiceAccount, its RBAC and
 * a token kubeconfig Secret + MemberCluster on the hub. The operator only ever sees the token.
 */
public final class Onboarding {
    private Onboarding() {
    }

    public static void onboard(Path repoRoot, Path kubectl, String name, String tier, Path memberKubeconfig, Path hubKubeconfig,
            String operatorNamespace, String workloadNamespace, String label) throws IOException, InterruptedException {
        onboard(repoRoot, kubectl, name, tier, memberKubeconfig, hubKubeconfig, operatorNamespace, workloadNamespace,
                label, null);
    }

    /** @param server the API server URL the hub uses (e.g. a proxy in front of the member), null: the member's */
    public static void onboard(Path repoRoot, Path kubectl, String name, String tier, Path memberKubeconfig, Path hubKubeconfig,
            String operatorNamespace, String workloadNamespace, String label, String server)
            throws IOException, InterruptedException {
        onboard(repoRoot, kubectl, name, tier, memberKubeconfig, hubKubeconfig, operatorNamespace, workloadNamespace, label,
                server, 3);
    }

    /** @param maxConcurrentRuns the MemberCluster's spec.maxConcurrentRuns */
    public static void onboard(Path repoRoot, Path kubectl, String name, String tier, Path memberKubeconfig, Path hubKubeconfig,
            String operatorNamespace, String workloadNamespace, String label, String server, int maxConcurrentRuns)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(repoRoot.resolve("deploy/member/onboard.sh").toString(),
                "--name", name, "--tier", tier, "--member-kubeconfig", memberKubeconfig.toString(),
                "--hub-kubeconfig", hubKubeconfig.toString(), "--operator-namespace", operatorNamespace,
                "--workload-namespace", workloadNamespace, "--label", label, "--max-concurrent-runs",
                String.valueOf(maxConcurrentRuns)));
        if (server != null) {
            cmd.addAll(List.of("--server", server));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("KUBECTL", kubectl.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("onboard.sh " + name + " failed:\n" + out);
        }
    }

    /** Takes pods/log out of the Role onboarding gave the hub in {@code namespace}: a member onboarded with incomplete RBAC. */
    public static void withoutPodsLog(KubernetesClient member, String namespace) {
        Role role = member.rbac().roles().inNamespace(namespace).withName("mapbench-hub").get();
        role.getRules().removeIf(r -> r.getResources().contains("pods/log"));
        role.getMetadata().setManagedFields(null);
        member.resource(role).update();
    }

    /** The token in the kubeconfig Secret onboard.sh stored for member {@code name} in {@code operatorNamespace}. */
    public static String tokenOf(KubernetesClient hub, String operatorNamespace, String name) {
        String yaml = new String(Base64.getDecoder().decode(hub.secrets().inNamespace(operatorNamespace)
                .withName("mapbench-member-" + name).get().getData().get("kubeconfig")), StandardCharsets.UTF_8);
        return KubeConfigUtils.parseConfigFromString(yaml).getUsers().get(0).getUser().getToken();
    }

    /** Removes what onboarding created outside the test namespaces (cluster-scoped objects). */
    public static void offboard(KubernetesClient hub, KubernetesClient member, String name, String workloadNamespace) {
        hub.resources(MemberCluster.class).withName(name).delete();
        member.rbac().clusterRoleBindings().withName("mapbench-hub-node-reader-" + workloadNamespace).delete();
    }

    /** kubectl of the cached Kubernetes build (deploy/local/kube/build.sh). */
    public static Path kubectl(Path repoRoot) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(repoRoot.resolve("deploy/local/kube/build.sh").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("deploy/local/kube/build.sh failed");
        }
        String[] lines = out.split("\n");
        return Path.of(lines[lines.length - 1]).resolveSibling("kubectl");
    }
}
