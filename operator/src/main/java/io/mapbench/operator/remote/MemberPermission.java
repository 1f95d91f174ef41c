package io.mapbench.operator.remote;

import java.util.List;

/**
 * One thing the operator does in a member's workload namespace (API group, resource with optional
 * subresource, verb), and the list of all of them. deploy/member/rbac.yaml grants every one of
 * them (PermissionRulesTest checks it), so a member onboarded with onboard.sh is not refused.
 */
public record MemberPermission(String group, String resource, String verb) {
    /**
     * What {@link RemoteClusterGateway} and the informers call: server-side apply (create + patch),
     * informer list + watch, label-selected deletion (deletecollection) and single deletes and
     * gets, and pod log reads. Nodes (cluster-scoped) are read by the probe itself, whose 403
     * names them.
     */
    public static final List<MemberPermission> REQUIRED = List.of(
            of("batch", "jobs", "get", "list", "watch", "create", "patch", "delete", "deletecollection"),
            of("policy", "poddisruptionbudgets", "get", "list", "create", "patch", "delete", "deletecollection"),
            of("", "pods", "get", "list", "watch"),
            of("", "pods/log", "get"))
            .stream().flatMap(List::stream).toList();

    private static List<MemberPermission> of(String group, String resource, String... verbs) {
        return List.of(verbs).stream().map(v -> new MemberPermission(group, resource, v)).toList();
    }

    /** The resource part without a subresource ("pods" of "pods/log"). */
    public String baseResource() {
        int slash = resource.indexOf('/');
        return slash < 0 ? resource : resource.substring(0, slash);
    }

    /** The subresource ("log" of "pods/log"), empty when none. */
    public String subresource() {
        int slash = resource.indexOf('/');
        return slash < 0 ? "" : resource.substring(slash + 1);
    }

    /** "pods/log get", "jobs.batch list": how kubectl auth can-i and RBAC messages name it. */
    @Override
    public String toString() {
        String qualified = group.isEmpty() ? resource
                : baseResource() + "." + group + (subresource().isEmpty() ? "" : "/" + subresource());
        return qualified + " " + verb;
    }
}
