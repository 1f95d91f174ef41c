package io.mapbench.operator.remote;

import java.time.Instant;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * What one member informer (run Jobs or run Pods) is doing: whether its cache holds a complete
 * first listing, whether its watch is open, and the last list/watch error (with its HTTP status,
 * 0 when the failure had none, e.g. a TLS or connection error).
 */
public record InformerHealth(String resource, boolean synced, boolean watching, Throwable lastError,
        Instant lastErrorTime) {

    /** HTTP status of the last error; 0 when none or not an HTTP failure. */
    public int lastErrorCode() {
        return lastError instanceof KubernetesClientException k ? k.getCode() : 0;
    }
}
