package io.mapbench.operator.status;

import io.mapbench.operator.api.v1alpha1.Assignment;
import io.mapbench.operator.api.v1alpha1.ClaimStatus;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.PolicyDecision;
import io.mapbench.operator.api.v1alpha1.PolicyViolation;
import io.mapbench.operator.placement.PlacementOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one reconcile observed about a run: the input of {@link RunStatusAggregator}. Null means
 * "not observed this time" (the previous status then stands), never "false".
 *
 * @param generation  the run's metadata.generation
 * @param now         the reconcile's clock reading (transition times, the unreachable deadline)
 * @param invalidSpec why the spec cannot run (e.g. "spec.scenarios[0]: unknown scenario ..."), or null
 * @param admission   the admission gate's decision on the proposal, or null when not asked
 * @param placement   placement's proposal, or null when not computed (e.g. already assigned)
 * @param assignment  the stored admitted assignment (clusters x resolved Go versions), or null
 * @param jobs        observations of remote Jobs, one per (cluster, Go version) that was seen
 * @param claims      status claims[] after merging new results, or null to keep the old ones
 */
public record RunObservations(long generation, Instant now, String invalidSpec, Admission admission,
        PlacementOutcome placement, Assignment assignment, List<JobObservation> jobs, List<ClaimStatus> claims) {

    public RunObservations {
        Objects.requireNonNull(now, "now");
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }

    /**
     * The admission gate's answer.
     *
     * @param message for Unavailable: the error (policy missing or broken); otherwise optional
     */
    public record Admission(PolicyDecision decision, List<PolicyViolation> violations, String revision, String message) {
        public Admission {
            Objects.requireNonNull(decision, "decision");
            violations = violations == null ? List.of() : List.copyOf(violations);
        }
    }

    /**
     * One remote Job as seen in its member cluster. Fields left null keep their previous value.
     *
     * @param phase            the Job's phase as read from the member, or null when the Job was not
     *                         seen (not created yet, or its cluster is unreachable)
     * @param unreachableSince when the member cluster became unreachable, null when it is reachable
     */
    public record JobObservation(String cluster, String goVersion, JobPhase phase, String jobName, String jobUid,
            String node, String nodeArch, String arch, Integer attempts, String startTime, String completionTime,
            String reason, String message, String resultName, Instant unreachableSince) {
        public JobObservation {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(goVersion, "goVersion");
        }

        /** Without a reason: the aggregator derives it from the phase. */
        public JobObservation(String cluster, String goVersion, JobPhase phase, String jobName, String jobUid,
                String node, String nodeArch, String arch, Integer attempts, String startTime, String completionTime,
                String message, String resultName, Instant unreachableSince) {
            this(cluster, goVersion, phase, jobName, jobUid, node, nodeArch, arch, attempts, startTime, completionTime,
                    null, message, resultName, unreachableSince);
        }

        /** Only a message (e.g. a failed call to the member): the phase stays as it was. */
        public static JobObservation note(String cluster, String goVersion, String message) {
            return new JobObservation(cluster, goVersion, null, null, null, null, null, null, null, null, null, null,
                    Objects.requireNonNull(message, "message"), null, null);
        }

        /** A cluster that cannot be reached: only the time it became unreachable is known. */
        public static JobObservation unreachable(String cluster, String goVersion, Instant since) {
            return new JobObservation(cluster, goVersion, null, null, null, null, null, null, null, null, null, null,
                    null, null, Objects.requireNonNull(since, "since"));
        }
    }
}
