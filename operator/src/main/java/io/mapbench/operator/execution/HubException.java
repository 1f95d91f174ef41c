package io.mapbench.operator.execution;

/**
 * A call to the hub failed while executing a run on a member (e.g. storing a BenchmarkResult). Kept
 * apart from member failures: the member is healthy and its jobs keep their state; the reconcile is
 * retried with backoff.
 */
public class HubException extends RuntimeException {
    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}
