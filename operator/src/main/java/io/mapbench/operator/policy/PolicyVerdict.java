package io.mapbench.operator.policy;

import java.util.List;
import java.util.Objects;

/**
 * What the admission gate says about one proposed placement (DESIGN.md "Flow of one run", step 3).
 * Only {@link Allowed} and {@link Disabled} let the operator create anything.
 */
public sealed interface PolicyVerdict {

    /** The policy of {@code revision} found no violation. */
    record Allowed(String revision) implements PolicyVerdict {
        public Allowed {
            Objects.requireNonNull(revision, "revision");
        }
    }

    /** The policy of {@code revision} found at least one violation; every one is listed. */
    record Denied(List<AdmissionDecision.Violation> violations, String revision) implements PolicyVerdict {
        public Denied {
            violations = List.copyOf(violations);
            Objects.requireNonNull(revision, "revision");
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a denial has at least one violation");
            }
        }
    }

    /** No decision possible (policy missing, corrupt or failing): fail closed, retry later. */
    record Unavailable(String message) implements PolicyVerdict {
        public Unavailable {
            Objects.requireNonNull(message, "message");
        }
    }

    /** mapbench.policy.enabled=false: the only way to admit without asking the policy. */
    record Disabled() implements PolicyVerdict {
    }
}
