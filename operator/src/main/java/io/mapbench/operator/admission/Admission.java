package io.mapbench.operator.admission;

import io.mapbench.operator.api.v1alpha1.Assignment;
import io.mapbench.operator.placement.PlacementOutcome;
import io.mapbench.operator.policy.AdmissionDecision;
import java.util.List;

/** The admission gate's answer for one run; each maps to one status shape (DESIGN.md, "Admission"). */
public sealed interface Admission {
    /** The spec cannot run as written (phase Denied, reason InvalidSpec): fix the named field. */
    record Invalid(String message) implements Admission {
    }

    /** Not admitted, and waiting cannot change that (phase Denied, reason PolicyDenied). */
    record Denied(List<AdmissionDecision.Violation> violations, String revision) implements Admission {
    }

    /** The policy cannot judge now (missing or broken): nothing is created; retried when it returns. */
    record Unavailable(String message, PlacementOutcome proposal) implements Admission {
    }

    /**
     * Pending: no matching Ready cluster (NoMatchingCluster, UnknownCluster, InvalidSpec of a
     * selector) or waiting in the queue (WaitingForCapacity, WaitingForQuota).
     */
    record Waiting(PlacementOutcome outcome) implements Admission {
    }

    /**
     * Room for this run too, but older runs that can be admitted now have not been yet (their
     * reconciles are queued): they go first (creation order). Nothing is written: the wait lasts
     * until their admissions are written, which wake this run, and a status for it would cost the
     * hub a write and an Event per run of a burst, several times over as the queue moves.
     *
     * @param ahead the older runs that go first ({@code namespace/name}, oldest first)
     */
    record Deferred(List<String> ahead) implements Admission {
    }

    /** Admitted: store the assignment, then dispatch. {@code revision} null when the policy is disabled. */
    record Admitted(Assignment assignment, PlacementOutcome.Assigned proposal, String revision) implements Admission {
    }
}
