package io.mapbench.operator.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.MemberClusterSpec;
import io.mapbench.operator.api.v1alpha1.SecretKeyRef;
import io.mapbench.operator.testfixtures.Kubeconfigs;

/**
 * Member kubeconfigs onboard.sh never writes, and MemberClusters that point at them: what
 * MemberClusterIT and the fault suite's row 11 feed the operator to see it reject them clearly.
 */
public final class BadKubeconfigs {
    private BadKubeconfigs() {
    }

    /** A kubeconfig of the shape onboard.sh writes for {@code server}, with the cluster and user bodies given. */
    public static byte[] kubeconfig(String server, String clusterBody, String userBody) {
        return Kubeconfigs.kubeconfig("server: " + server + "\n" + clusterBody, userBody).getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes that are no kubeconfig at all, with the token in the middle (a half-pasted file). */
    public static byte[] garbage(String token) {
        byte[] noise = new byte[256];
        new Random(11).nextBytes(noise);
        byte[] t = ("\ntoken: " + token + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[noise.length * 2 + t.length];
        System.arraycopy(noise, 0, all, 0, noise.length);
        System.arraycopy(t, 0, all, noise.length, t.length);
        System.arraycopy(noise, 0, all, noise.length + t.length, noise.length);
        return all;
    }

    /**
     * A kubeconfig Secret {@code name} in {@code namespace} holding exactly {@code kubeconfig}, and a
     * MemberCluster {@code name} (labels as given) that uses it with {@code namespace} as its workload namespace.
     */
    public static void createMember(KubernetesClient hub, String name, String namespace, Map<String, String> labels,
            byte[] kubeconfig) {
        hub.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .addToData("kubeconfig", Base64.getEncoder().encodeToString(kubeconfig)).build()).create();
        MemberCluster mc = new MemberCluster();
        mc.getMetadata().setName(name);
        mc.getMetadata().setLabels(labels);
        MemberClusterSpec spec = new MemberClusterSpec();
        SecretKeyRef ref = new SecretKeyRef();
        ref.setName(name);
        ref.setKey("kubeconfig");
        spec.setKubeconfigSecretRef(ref);
        spec.setNamespace(namespace);
        mc.setSpec(spec);
        hub.resource(mc).create();
    }
}
