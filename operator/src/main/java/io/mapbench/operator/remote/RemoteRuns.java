package io.mapbench.operator.remote;

import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.mapbench.operator.dependent.RemoteLabels;
import io.mapbench.operator.dependent.RunRef;

/** Reads the hub run a remote object belongs to from its labels. */
final class RemoteRuns {
    private RemoteRuns() {
    }

    /** Empty when the labels do not name a run completely (not ours, or hand-made). */
    static Optional<RunRef> of(HasMetadata obj) {
        Map<String, String> labels = obj.getMetadata().getLabels();
        if (labels == null) {
            return Optional.empty();
        }
        String hub = labels.get(RemoteLabels.HUB);
        String ns = labels.get(RemoteLabels.RUN_NAMESPACE);
        String name = labels.get(RemoteLabels.RUN_NAME);
        String uid = labels.get(RemoteLabels.RUN_UID);
        if (hub == null || ns == null || name == null || uid == null) {
            return Optional.empty();
        }
        return Optional.of(new RunRef(hub, ns, name, uid));
    }
}
