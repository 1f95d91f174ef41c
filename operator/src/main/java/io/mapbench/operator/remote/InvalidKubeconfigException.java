package io.mapbench.operator.remote;

/**
 * A member kubeconfig the operator refuses to use. The message names the offending field and says
 * what to do instead; it goes verbatim into the MemberCluster's Ready condition.
 */
public class InvalidKubeconfigException extends Exception {
    public InvalidKubeconfigException(String message) {
        super(message);
    }
}
