package io.mapbench.operator.remote;

/** A member the operator has no working client for (not probed yet, or its Secret is invalid). */
public class MemberNotConnectedException extends RuntimeException {
    public MemberNotConnectedException(String cluster) {
        super("member cluster " + cluster + " is not connected: its MemberCluster is missing or not Ready");
    }
}
