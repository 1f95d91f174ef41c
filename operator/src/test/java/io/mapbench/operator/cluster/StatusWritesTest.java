package io.mapbench.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.MemberClusterStatus;
import io.mapbench.operator.api.v1alpha1.NodeInfo;

class StatusWritesTest {
    private static final Instant T0 = Instant.parse("2026-12-07T02:00:00Z");
    private static final Duration REFRESH = Duration.ofMinutes(5);

    static MemberClusterStatus probed(String version, int failures, String probeTime, String... nodes) {
        MemberClusterStatus s = new MemberClusterStatus();
        s.setObservedGeneration(1L);
        s.setKubernetesVersion(version);
        s.setDistribution("kubernetes");
        s.setArchitectures(new ArrayList<>(List.of("amd64")));
        List<NodeInfo> infos = new ArrayList<>();
        for (String n : nodes) {
            NodeInfo i = new NodeInfo();
            i.setName(n);
            i.setArch("amd64");
            i.setReady(true);
            infos.add(i);
        }
        s.setNodes(infos);
        s.setConditions(new ArrayList<>(List.of(new Condition("Ready", ConditionStatus.True, "ProbeSucceeded",
                "API server " + version + " reachable", 1L, "2026-12-07T01:00:00Z"))));
        s.setConsecutiveFailures(failures);
        s.setLastProbeTime(probeTime);
        return s;
    }

    @Test
    void firstProbeWrites() {
        assertThat(StatusWrites.needed(null, probed("v1.35.0", 0, null, "n1"), T0, REFRESH)).isTrue();
    }

    @Test
    void unchangedProbesWriteNothingForTwoProbePeriodsAndUntilTheRefreshIsDue() {
        MemberClusterStatus written = probed("v1.35.0", 0, T0.toString(), "n1");
        // a fake clock stepping one 30 s probe period at a time
        for (Instant now = T0.plusSeconds(30); now.isBefore(T0.plus(REFRESH)); now = now.plusSeconds(30)) {
            assertThat(StatusWrites.needed(written, probed("v1.35.0", 0, null, "n1"), now, REFRESH))
                    .as("probe at %s", now).isFalse();
        }
        assertThat(StatusWrites.needed(written, probed("v1.35.0", 0, null, "n1"), T0.plus(REFRESH), REFRESH)).isTrue();
    }

    @Test
    void aChangedFieldWritesAtOnce() {
        MemberClusterStatus written = probed("v1.35.0", 0, T0.toString(), "n1");
        Instant now = T0.plusSeconds(30);
        assertThat(StatusWrites.needed(written, probed("v1.35.1", 0, null, "n1"), now, REFRESH)).as("version").isTrue();
        assertThat(StatusWrites.needed(written, probed("v1.35.0", 0, null, "n1", "n2"), now, REFRESH)).as("node added")
                .isTrue();
        MemberClusterStatus notReady = probed("v1.35.0", 1, null, "n1");
        notReady.getConditions().set(0, new Condition("Ready", ConditionStatus.False, "Forbidden",
                "member RBAC does not grant pods/log get", 1L, now.toString()));
        assertThat(StatusWrites.needed(written, notReady, now, REFRESH)).as("Ready condition").isTrue();
    }

    @Test
    void aGrowingFailureCountAloneWaitsForTheRefresh() {
        MemberClusterStatus written = probed("v1.35.0", 1, T0.toString(), "n1");
        assertThat(StatusWrites.needed(written, probed("v1.35.0", 7, null, "n1"), T0.plusSeconds(120), REFRESH))
                .isFalse();
    }

    @Test
    void unreadableProbeTimeWrites() {
        assertThat(StatusWrites.needed(probed("v1.35.0", 0, "yesterday", "n1"), probed("v1.35.0", 0, null, "n1"),
                T0, REFRESH)).isTrue();
    }
}
