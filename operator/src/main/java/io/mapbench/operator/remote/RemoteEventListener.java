package io.mapbench.operator.remote;

import io.mapbench.operator.dependent.RunRef;

/** Told when a Job or Pod of a run changes in some member cluster. */
@FunctionalInterface
public interface RemoteEventListener {
    void onRemoteChange(String cluster, RunRef run);
}
