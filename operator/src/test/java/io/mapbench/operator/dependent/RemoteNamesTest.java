package io.mapbench.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RemoteNamesTest {
    private static final RunRef RUN = new RunRef("hub", "perf", "seed-quick", "0b5c-uid");

    @Test
    void namesAreReadableAndHashed() {
        assertThat(RemoteNames.jobName(RUN, "cloud-1", "1.26.8")).matches("^mb-seed-quick-go1-26-8-[0-9a-f]{8}$");
        assertThat(RemoteNames.disruptionBudgetName(RUN, "cloud-1")).matches("^mb-seed-quick-pdb-[0-9a-f]{8}$");
        assertThat(RemoteNames.resultName(RUN, "cloud-1", "1.26.8")).matches("^seed-quick-cloud-1-go1-26-8-[0-9a-f]{8}$");
    }

    @Test
    void sameInputsSameNames() {
        assertThat(RemoteNames.jobName(RUN, "cloud-1", "1.26.8"))
                .isEqualTo(RemoteNames.jobName(new RunRef("hub", "perf", "seed-quick", "0b5c-uid"), "cloud-1", "1.26.8"));
    }

    @Test
    void everyIdentityPartChangesTheName() {
        Set<String> names = Set.of(
                RemoteNames.jobName(RUN, "cloud-1", "1.26.8"),
                RemoteNames.jobName(new RunRef("hub-2", "perf", "seed-quick", "0b5c-uid"), "cloud-1", "1.26.8"),
                RemoteNames.jobName(new RunRef("hub", "team-b", "seed-quick", "0b5c-uid"), "cloud-1", "1.26.8"),
                RemoteNames.jobName(new RunRef("hub", "perf", "seed-quick", "other-uid"), "cloud-1", "1.26.8"),
                RemoteNames.jobName(RUN, "cloud-2", "1.26.8"),
                RemoteNames.jobName(RUN, "cloud-1", "1.23.12"));
        assertThat(names).hasSize(6);
    }

    @Test
    void longNamesFitIn63Characters() {
        RunRef longRun = new RunRef("hub", "perf", "a".repeat(40), "uid");
        String cluster = "a-very-long-member-cluster-name.example.org.with-many-labels-inside";
        for (String name : new String[] {RemoteNames.jobName(longRun, cluster, "1.26.8"),
                RemoteNames.disruptionBudgetName(longRun, cluster), RemoteNames.resultName(longRun, cluster, "1.26.8")}) {
            assertThat(name).hasSizeLessThanOrEqualTo(63).matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
        }
    }

    @Test
    void truncationNeverLeavesADoubleDash() {
        // 54 characters of room: cut exactly after a '-' must not produce "--hash".
        String name = RemoteNames.name("x".repeat(53) + "-yyyy", "id");
        assertThat(name).doesNotContain("--").hasSizeLessThanOrEqualTo(63);
    }
}
