package io.mapbench.operator.placement;

import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import java.util.List;
import java.util.Objects;

/**
 * What placement proposes for one run: the clusters to use, or why the run has to wait or matches
 * nothing. The reason strings are the {@code Scheduled} condition's reasons.
 */
public sealed interface PlacementOutcome {

    /** The condition reason for the {@code Scheduled} condition. */
    String reason();

    /** A human message for status and Events. */
    String message();

    /** Clusters (MemberCluster names, in placement order) proposed for the run. */
    record Assigned(List<String> clusters) implements PlacementOutcome {
        public Assigned {
            clusters = List.copyOf(clusters);
            if (clusters.isEmpty()) {
                throw new IllegalArgumentException("an assignment needs at least one cluster");
            }
        }

        @Override
        public String reason() {
            return ConditionReasons.ASSIGNED;
        }

        @Override
        public String message() {
            return "placed on " + String.join(", ", clusters);
        }
    }

    /** Matching Ready clusters exist but none has free capacity now (first come, first served). */
    record Waiting(String reason, String message) implements PlacementOutcome {
        public Waiting {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        static Waiting forCapacity(String message) {
            return new Waiting(ConditionReasons.WAITING_FOR_CAPACITY, message);
        }
    }

    /** No Ready cluster matches the placement; re-evaluated when MemberClusters change. */
    record NoMatch(String reason, String message) implements PlacementOutcome {
        public NoMatch {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
