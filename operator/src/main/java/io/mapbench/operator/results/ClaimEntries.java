package io.mapbench.operator.results;

import io.mapbench.operator.api.v1alpha1.ClaimResult;
import io.mapbench.operator.api.v1alpha1.ClaimStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Status {@code claims[]}: one entry per seed claim, with one verdict per (cluster, Go version).
 * Merging is idempotent (a result read twice replaces its own verdicts) and the order is stable
 * (claims by id, verdicts by cluster then Go version), so status does not churn.
 */
public final class ClaimEntries {
    private static final Comparator<ClaimResult> BY_ENVIRONMENT = Comparator
            .comparing(ClaimResult::getCluster).thenComparing(ClaimResult::getGoVersion);

    private ClaimEntries() {
    }

    /** Returns new claim entries: {@code existing} with the verdicts of one job's document set. */
    public static List<ClaimStatus> merge(List<ClaimStatus> existing, String cluster, String goVersion,
            List<ResultDocument.Claim> claims) {
        Map<String, ClaimStatus> byId = new TreeMap<>();
        if (existing != null) {
            for (ClaimStatus c : existing) {
                ClaimStatus copy = copy(c);
                copy.getResults().removeIf(r -> cluster.equals(r.getCluster()) && goVersion.equals(r.getGoVersion()));
                byId.put(c.getId(), copy);
            }
        }
        for (ResultDocument.Claim claim : claims) {
            ClaimStatus entry = byId.computeIfAbsent(claim.id(), id -> {
                ClaimStatus s = new ClaimStatus();
                s.setId(id);
                return s;
            });
            entry.setStatement(claim.statement());
            ClaimResult result = new ClaimResult();
            result.setCluster(cluster);
            result.setGoVersion(goVersion);
            result.setVerdict(claim.verdict());
            result.setMeasured(claim.measured() == null || claim.measured().isEmpty() ? claim.reason() : claim.measured());
            entry.getResults().add(result);
        }
        List<ClaimStatus> merged = new ArrayList<>();
        for (ClaimStatus c : byId.values()) {
            if (c.getResults().isEmpty()) {
                continue;
            }
            c.getResults().sort(BY_ENVIRONMENT);
            merged.add(c);
        }
        return merged;
    }

    private static ClaimStatus copy(ClaimStatus c) {
        ClaimStatus copy = new ClaimStatus();
        copy.setId(c.getId());
        copy.setStatement(c.getStatement());
        List<ClaimResult> results = new ArrayList<>();
        if (c.getResults() != null) {
            for (ClaimResult r : c.getResults()) {
                ClaimResult rc = new ClaimResult();
                rc.setCluster(r.getCluster());
                rc.setGoVersion(r.getGoVersion());
                rc.setVerdict(r.getVerdict());
                rc.setMeasured(r.getMeasured());
                results.add(rc);
            }
        }
        copy.setResults(results);
        return copy;
    }
}
