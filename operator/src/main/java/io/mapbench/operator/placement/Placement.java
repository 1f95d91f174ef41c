package io.mapbench.operator.placement;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.PlacementSpec;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Proposes where a run goes (DESIGN.md "Flow of one run", step 2). Pure and deterministic: the same
 * runs and clusters always give the same answer, whatever order the informer caches list them in.
 *
 * <p>Placement only matches clusters and counts free slots; who goes first (creation order), which
 * runs hold slots and the namespace quota are the admission queue's business
 * ({@code io.mapbench.operator.admission.AdmissionQueue}).
 */
public final class Placement {

    /** maxConcurrentRuns when the MemberCluster does not say (the CRD default). */
    static final int DEFAULT_MAX_CONCURRENT_RUNS = 1;


    private Placement() {
    }

    /**
     * Proposes clusters for {@code run} given what is already used: pure, never throws for user input.
     *
     * @param clusters every MemberCluster of the hub
     * @param used     runs per cluster already counted (admitted runs, and older runs the admission
     *                 queue placed ahead of this one); ignored clusters' capacity is unlimited when
     *                 {@code used} is {@link #IGNORE_CAPACITY}
     * @return Assigned, Waiting (WaitingForCapacity) or NoMatch (NoMatchingCluster, UnknownCluster,
     *     or InvalidSpec for a malformed selector)
     */
    public static PlacementOutcome propose(BenchmarkRun run, Collection<MemberCluster> clusters, Map<String, Integer> used) {
        Map<String, MemberCluster> byName = new TreeMap<>();
        for (MemberCluster c : clusters) {
            byName.put(c.getMetadata().getName(), c);
        }
        try {
            return proposeWithUsage(run, byName, used);
        } catch (IllegalArgumentException invalidSelector) {
            // e.g. an operator other than In/NotIn/Exists/DoesNotExist: the user must fix the spec.
            return new PlacementOutcome.NoMatch(ConditionReasons.INVALID_SPEC, invalidSelector.getMessage());
        }
    }

    /**
     * Where the run would go if every cluster had room: what the policy can judge before the run
     * waits for capacity (a run the policy denies is told so at once, not when a slot frees up).
     */
    public static PlacementOutcome proposeIgnoringCapacity(BenchmarkRun run, Collection<MemberCluster> clusters) {
        return propose(run, clusters, IGNORE_CAPACITY);
    }

    /** Marker usage map: capacity is not considered. */
    public static final Map<String, Integer> IGNORE_CAPACITY = java.util.Collections.unmodifiableMap(new HashMap<>());

    private static PlacementOutcome proposeWithUsage(BenchmarkRun run, Map<String, MemberCluster> byName,
            Map<String, Integer> used) {
        PlacementSpec placement = run.getSpec() == null ? null : run.getSpec().getPlacement();
        LabelSelector selector = placement == null ? null : placement.getClusterSelector();
        List<String> names = placement == null || placement.getClusters() == null ? List.of() : placement.getClusters();
        Integer maxClusters = placement == null ? null : placement.getMaxClusters();
        LabelSelectorMatcher.validate(selector); // before any matching: a malformed selector is the user's to fix

        if (!names.isEmpty()) {
            return proposeNamed(names, selector, maxClusters, byName, used);
        }
        List<MemberCluster> matching = new ArrayList<>();
        List<String> notReady = new ArrayList<>();
        for (MemberCluster c : byName.values()) {
            if (!LabelSelectorMatcher.matches(selector, c.getMetadata().getLabels())) {
                continue;
            }
            if (isReady(c)) {
                matching.add(c);
            } else {
                notReady.add(c.getMetadata().getName());
            }
        }
        if (matching.isEmpty()) {
            String because = notReady.isEmpty() ? "no MemberCluster has matching labels"
                    : "matching clusters are not Ready: " + String.join(", ", notReady);
            return new PlacementOutcome.NoMatch(ConditionReasons.NO_MATCHING_CLUSTER,
                    "no Ready MemberCluster matches spec.placement.clusterSelector " + describe(selector) + ": " + because);
        }
        int limit = maxClusters == null ? Integer.MAX_VALUE : maxClusters;
        List<String> chosen = new ArrayList<>();
        for (MemberCluster c : matching) {
            if (chosen.size() < limit && free(c, used) > 0) {
                chosen.add(c.getMetadata().getName());
            }
        }
        if (chosen.isEmpty()) {
            return PlacementOutcome.Waiting.forCapacity("every matching Ready cluster is at its maxConcurrentRuns: "
                    + occupancy(matching, used) + "; the run is placed when one of their runs finishes");
        }
        return new PlacementOutcome.Assigned(chosen);
    }

    /**
     * One cluster to take over a run's jobs lost on another (spec.placement.failover): Ready, matching
     * spec.placement.clusterSelector, not one of {@code exclude} (the run's own clusters), with a free
     * slot; the first by name. Waiting (WaitingForCapacity) when every candidate is full or not Ready
     * yet, NoMatch when no other cluster matches at all.
     */
    public static PlacementOutcome proposeReplacement(BenchmarkRun run, Collection<MemberCluster> clusters,
            Map<String, Integer> used, Set<String> exclude) {
        PlacementSpec placement = run.getSpec() == null ? null : run.getSpec().getPlacement();
        LabelSelector selector = placement == null ? null : placement.getClusterSelector();
        List<MemberCluster> candidates;
        try {
            LabelSelectorMatcher.validate(selector);
            candidates = clusters.stream().filter(c -> !exclude.contains(c.getMetadata().getName()))
                    .filter(c -> LabelSelectorMatcher.matches(selector, c.getMetadata().getLabels()))
                    .sorted(Comparator.comparing(c -> c.getMetadata().getName())).toList();
        } catch (IllegalArgumentException invalidSelector) {
            return new PlacementOutcome.NoMatch(ConditionReasons.INVALID_SPEC, invalidSelector.getMessage());
        }
        if (candidates.isEmpty()) {
            return new PlacementOutcome.NoMatch(ConditionReasons.NO_MATCHING_CLUSTER, "no other MemberCluster matches"
                    + " spec.placement.clusterSelector " + describe(selector) + " (the run's own: " + String.join(", ",
                            new java.util.TreeSet<>(exclude)) + ")");
        }
        List<MemberCluster> ready = candidates.stream().filter(Placement::isReady).toList();
        for (MemberCluster c : ready) {
            if (free(c, used) > 0) {
                return new PlacementOutcome.Assigned(List.of(c.getMetadata().getName()));
            }
        }
        String notReady = candidates.stream().filter(c -> !isReady(c)).map(c -> c.getMetadata().getName())
                .collect(Collectors.joining(", "));
        return PlacementOutcome.Waiting.forCapacity("no other matching cluster has room"
                + (ready.isEmpty() ? "" : ": " + occupancy(ready, used))
                + (notReady.isEmpty() ? "" : "; not Ready: " + notReady));
    }

    /** spec.placement.clusters: every named cluster must exist, match, be Ready and have room. */
    private static PlacementOutcome proposeNamed(List<String> names, LabelSelector selector, Integer maxClusters,
            Map<String, MemberCluster> byName, Map<String, Integer> used) {
        Set<String> unique = new LinkedHashSet<>(names);
        if (maxClusters != null && unique.size() > maxClusters) {
            return new PlacementOutcome.NoMatch(ConditionReasons.NO_MATCHING_CLUSTER, "spec.placement.clusters names "
                    + unique.size() + " clusters but spec.placement.maxClusters is " + maxClusters
                    + ": name at most " + maxClusters + " clusters or raise maxClusters");
        }
        List<String> unknown = unique.stream().filter(n -> !byName.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            return new PlacementOutcome.NoMatch(ConditionReasons.UNKNOWN_CLUSTER, "spec.placement.clusters: no MemberCluster named "
                    + String.join(", ", unknown) + " (known: " + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ")");
        }
        List<MemberCluster> named = unique.stream().map(byName::get).toList();
        List<String> unmatched = named.stream()
                .filter(c -> !LabelSelectorMatcher.matches(selector, c.getMetadata().getLabels()))
                .map(c -> c.getMetadata().getName()).toList();
        if (!unmatched.isEmpty()) {
            return new PlacementOutcome.NoMatch(ConditionReasons.NO_MATCHING_CLUSTER, "spec.placement.clusters "
                    + String.join(", ", unmatched) + " do not match spec.placement.clusterSelector " + describe(selector));
        }
        List<String> notReady = named.stream().filter(c -> !isReady(c)).map(c -> c.getMetadata().getName()).toList();
        if (!notReady.isEmpty()) {
            return new PlacementOutcome.NoMatch(ConditionReasons.NO_MATCHING_CLUSTER, "spec.placement.clusters: "
                    + String.join(", ", notReady) + " not Ready; the run is placed when every named cluster is Ready");
        }
        List<MemberCluster> full = named.stream().filter(c -> free(c, used) <= 0).toList();
        if (!full.isEmpty()) {
            return PlacementOutcome.Waiting.forCapacity("named clusters at their maxConcurrentRuns: " + occupancy(full, used)
                    + "; the run is placed when every named cluster has room");
        }
        return new PlacementOutcome.Assigned(List.copyOf(unique));
    }

    /** The clusters of the run's stored (admitted) assignment, empty when it has none. */
    public static List<String> assignedClusters(BenchmarkRun run) {
        BenchmarkRunStatus status = run.getStatus();
        if (status == null || status.getAssignment() == null || status.getAssignment().getClusters() == null) {
            return List.of();
        }
        return List.copyOf(status.getAssignment().getClusters());
    }

    /** Whether a MemberCluster's Ready condition is True. */
    public static boolean isReady(MemberCluster cluster) {
        if (cluster.getStatus() == null || cluster.getStatus().getConditions() == null) {
            return false;
        }
        for (Condition c : cluster.getStatus().getConditions()) {
            if (ConditionTypes.READY.equals(c.getType())) {
                return c.getStatus() == ConditionStatus.True;
            }
        }
        return false;
    }

    static int capacity(MemberCluster cluster) {
        Integer max = cluster.getSpec() == null ? null : cluster.getSpec().getMaxConcurrentRuns();
        return max == null ? DEFAULT_MAX_CONCURRENT_RUNS : max;
    }

    private static int free(MemberCluster cluster, Map<String, Integer> used) {
        if (used == IGNORE_CAPACITY) {
            return Integer.MAX_VALUE;
        }
        return capacity(cluster) - used.getOrDefault(cluster.getMetadata().getName(), 0);
    }

    private static String occupancy(List<MemberCluster> clusters, Map<String, Integer> used) {
        return clusters.stream().map(c -> c.getMetadata().getName() + " (" + used.getOrDefault(c.getMetadata().getName(), 0)
                + "/" + capacity(c) + " runs)").collect(Collectors.joining(", "));
    }

    static String describe(LabelSelector selector) {
        if (selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()))) {
            return "(none: every cluster)";
        }
        List<String> parts = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            new TreeMap<>(selector.getMatchLabels()).forEach((k, v) -> parts.add(k + "=" + v));
        }
        if (selector.getMatchExpressions() != null) {
            selector.getMatchExpressions().forEach(e -> parts.add(e.getKey() + " " + e.getOperator()
                    + (e.getValues() == null || e.getValues().isEmpty() ? "" : " (" + String.join(",", e.getValues()) + ")")));
        }
        return "{" + String.join(", ", parts) + "}";
    }
}
