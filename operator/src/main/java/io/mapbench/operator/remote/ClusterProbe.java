package io.mapbench.operator.remote;

import java.util.List;

import io.fabric8.kubernetes.api.model.Node;

/** What one probe of a member's API server returned: its version and its nodes. */
public record ClusterProbe(String gitVersion, List<Node> nodes) {
}
