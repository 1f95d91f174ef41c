package io.mapbench.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.mapbench.operator.api.v1alpha1.MemberClusterStatus;
import io.mapbench.operator.api.v1alpha1.NodeInfo;
import io.mapbench.operator.remote.ClusterProbe;

class MemberProbeReportTest {

    static Node node(String name, String arch, String kubelet, Map<String, String> labels, boolean tainted) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/arch", arch)
                .addToLabels(labels).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withNewNodeInfo().withKubeletVersion(kubelet).withArchitecture(arch).endNodeInfo()
                .addToAllocatable("cpu", new Quantity("1500m")).addToAllocatable("memory", new Quantity("2Gi"))
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus();
        if (tainted) {
            b.editSpec().addNewTaint().withKey("mapbench.io/edge").withValue("true").withEffect("NoSchedule").endTaint()
                    .endSpec();
        }
        return b.build();
    }

    static Stream<Arguments> distributions() {
        return Stream.of(
                Arguments.of("plain kubernetes", "v1.36.3", "v1.36.3", "kubernetes"),
                Arguments.of("k3s apiserver", "v1.36.3+k3s1", "v1.36.3+k3s1", "k3s"),
                Arguments.of("k3s only in kubelet", "v1.36.3", "v1.36.3+k3s1", "k3s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void detectsDistribution(String name, String server, String kubelet, String want) {
        MemberClusterStatus status = new MemberClusterStatus();
        MemberProbeReport.fill(status, new ClusterProbe(server, List.of(node("n", "amd64", kubelet, Map.of(), false))));
        assertThat(status.getDistribution()).isEqualTo(want);
        assertThat(status.getKubernetesVersion()).isEqualTo(server);
    }

    @Test
    void reportsEdgeNodesArchitecturesAndTaints() {
        MemberClusterStatus status = new MemberClusterStatus();
        MemberProbeReport.fill(status, new ClusterProbe("v1.36.3+k3s1", List.of(
                node("edge-2", "arm64", "v1.36.3+k3s1", Map.of("node-role.kubernetes.io/edge", "true"), true),
                node("edge-1", "amd64", "v1.36.3+k3s1", Map.of(), false))));
        assertThat(status.getArchitectures()).containsExactly("amd64", "arm64");
        assertThat(status.getNodes()).extracting(NodeInfo::getName).containsExactly("edge-1", "edge-2");
        NodeInfo edge = status.getNodes().get(1);
        assertThat(edge.getEdge()).isTrue();
        assertThat(edge.getArch()).isEqualTo("arm64");
        assertThat(edge.getTaints()).containsExactly("mapbench.io/edge=true:NoSchedule");
        assertThat(edge.getAllocatableCpu()).isEqualTo("1500m");
        assertThat(edge.getAllocatableMemory()).isEqualTo("2Gi");
        assertThat(edge.getReady()).isTrue();
        assertThat(status.getNodes().get(0).getEdge()).isFalse();
    }

    static Stream<Arguments> backoffs() {
        return Stream.of(Arguments.of(1, 2), Arguments.of(2, 4), Arguments.of(3, 8), Arguments.of(5, 32),
                Arguments.of(6, 60), Arguments.of(40, 60));
    }

    @ParameterizedTest(name = "{0} failures -> {1}s")
    @MethodSource("backoffs")
    void backsOffExponentiallyUpToAMinute(int failures, int seconds) {
        assertThat(MemberClusterReconciler.backoff(failures, Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(seconds));
    }
}
