package io.mapbench.operator.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapbench.operator.api.v1alpha1.ClaimResult;
import io.mapbench.operator.api.v1alpha1.ClaimStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimEntriesTest {
    private static ResultDocument.Claim claim(String id, String verdict, String measured) {
        return new ResultDocument.Claim(id, "statement of " + id, null, "scenario", verdict, "because", measured);
    }

    @Test
    void mergesPerEnvironmentInStableOrder() {
        List<ClaimStatus> first = ClaimEntries.merge(List.of(), "edge-k3s-1", "1.26.8",
                List.of(claim("b-claim", "confirmed", "8 distinct"), claim("a-claim", "refuted", "")));
        assertThat(first).extracting(ClaimStatus::getId).containsExactly("a-claim", "b-claim");
        assertThat(first.get(0).getStatement()).isEqualTo("statement of a-claim");
        assertThat(first.get(0).getResults()).singleElement().satisfies(r -> {
            assertThat(r.getCluster()).isEqualTo("edge-k3s-1");
            assertThat(r.getGoVersion()).isEqualTo("1.26.8");
            assertThat(r.getVerdict()).isEqualTo("refuted");
            assertThat(r.getMeasured()).as("no measured figure: the reason stands in").isEqualTo("because");
        });
        List<ClaimStatus> second = ClaimEntries.merge(first, "cloud-1", "1.26.8", List.of(claim("b-claim", "inconclusive", "2 distinct")));
        ClaimStatus b = second.get(1);
        assertThat(b.getResults()).extracting(ClaimResult::getCluster).containsExactly("cloud-1", "edge-k3s-1");
        assertThat(b.getResults()).extracting(ClaimResult::getVerdict).containsExactly("inconclusive", "confirmed");
        assertThat(first.get(1).getResults()).as("inputs are not modified").hasSize(1);
    }

    @Test
    void mergingTheSameResultTwiceChangesNothing() {
        List<ResultDocument.Claim> claims = List.of(claim("a", "confirmed", "x"));
        List<ClaimStatus> once = ClaimEntries.merge(List.of(), "cloud-1", "1.26.8", claims);
        List<ClaimStatus> twice = ClaimEntries.merge(once, "cloud-1", "1.26.8", claims);
        assertThat(twice).usingRecursiveComparison().isEqualTo(once);
    }

    @Test
    void goVersionsOfOneClusterAreSeparateEntries() {
        List<ClaimStatus> s = ClaimEntries.merge(List.of(), "cloud-1", "1.23.12", List.of(claim("a", "refuted", "x")));
        s = ClaimEntries.merge(s, "cloud-1", "1.21.13", List.of(claim("a", "confirmed", "y")));
        assertThat(s.get(0).getResults()).extracting(ClaimResult::getGoVersion).containsExactly("1.21.13", "1.23.12");
    }
}
