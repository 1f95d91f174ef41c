package io.mapbench.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * mapbench.leader-election.* (as the Helm chart sets them: MAPBENCH_LEADER_ELECTION_ENABLED,
 * _LEASE_NAME, _LEASE_NAMESPACE) turned into the operator SDK's LeaderElectionConfiguration.
 */
class LeaderElectionConfigTest {

    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of("off by default", Map.of(), null, null),
                Arguments.of("explicitly off, name ignored",
                        Map.of("mapbench.leader-election.enabled", "false", "mapbench.leader-election.lease-name", "x"),
                        null, null),
                Arguments.of("on: default name, operator namespace",
                        Map.of("mapbench.leader-election.enabled", "true"), "mapbench-operator-lease", "mapbench-system"),
                Arguments.of("on: follows the operator namespace",
                        Map.of("mapbench.leader-election.enabled", "true", "mapbench.operator-namespace", "bench-ops"),
                        "mapbench-operator-lease", "bench-ops"),
                Arguments.of("on: the chart's name and namespace",
                        Map.of("mapbench.leader-election.enabled", "true",
                                "mapbench.leader-election.lease-name", "mb-lease",
                                "mapbench.leader-election.lease-namespace", "ops",
                                "mapbench.operator-namespace", "bench-ops"),
                        "mb-lease", "ops"),
                Arguments.of("on: identity from the pod name",
                        Map.of("mapbench.leader-election.enabled", "true",
                                "mapbench.leader-election.identity", "mb-mapbench-operator-7d9f-abcde"),
                        "mapbench-operator-lease", "mapbench-system"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void configuration(String name, Map<String, String> properties, String wantLease, String wantNamespace) {
        Optional<LeaderElectionConfiguration> le = LeaderElectionConfig.of(MapbenchConfigTest.config(properties));
        if (wantLease == null) {
            assertThat(le).isEmpty();
            // what the CDI producer hands QOSDK: null = no leader election
            assertThat(new LeaderElectionConfig().leaderElection(MapbenchConfigTest.config(properties))).isNull();
            return;
        }
        assertThat(le).isPresent();
        assertThat(le.get().getLeaseName()).isEqualTo(wantLease);
        assertThat(le.get().getLeaseNamespace()).contains(wantNamespace);
        // the SDK's System.exit would block a shutdown hook; ours exits on a thread of its own
        assertThat(le.get().isExitOnStopLeading()).isFalse();
        assertThat(le.get().getLeaderCallbacks()).isPresent();
        assertThat(le.get().getLeaseDuration()).isEqualTo(LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE);
        assertThat(le.get().getIdentity()).isEqualTo(
                Optional.ofNullable(properties.get("mapbench.leader-election.identity")));
    }

    @Test
    void anInvalidLeaseNameIsRejectedWithTheFieldAndWhatIsAllowed() {
        MapbenchConfig config = MapbenchConfigTest.config(Map.of(
                "mapbench.leader-election.enabled", "true", "mapbench.leader-election.lease-name", "Bad_Name"));
        assertThatThrownBy(() -> LeaderElectionConfig.of(config))
                .hasMessageContaining("mapbench.leader-election.lease-name")
                .hasMessageContaining("'Bad_Name'")
                .hasMessageContaining("DNS label");
    }
}
