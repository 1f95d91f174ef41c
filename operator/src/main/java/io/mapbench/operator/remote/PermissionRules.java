package io.mapbench.operator.remote;

import java.util.List;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;

/**
 * Which required permissions a SelfSubjectRulesReview's resource rules do not grant. Pure; matches
 * the way Kubernetes RBAC does: "*" for group, resource or verb; "*\/sub" for a subresource of any
 * resource; a rule limited to resourceNames grants nothing the operator needs (it lists, watches
 * and creates by label, not by one fixed name).
 */
public final class PermissionRules {
    private PermissionRules() {
    }

    /** The permissions of {@code required} no rule grants, in the order given. */
    public static List<MemberPermission> missing(List<ResourceRule> rules, List<MemberPermission> required) {
        return required.stream().filter(p -> rules.stream().noneMatch(r -> grants(r, p))).toList();
    }

    static boolean grants(ResourceRule rule, MemberPermission p) {
        if (rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()) {
            return false;
        }
        return matches(rule.getApiGroups(), p.group()) && matches(rule.getVerbs(), p.verb())
                && rule.getResources() != null && rule.getResources().stream().anyMatch(r -> resourceMatches(r, p));
    }

    private static boolean matches(List<String> allowed, String wanted) {
        return allowed != null && (allowed.contains("*") || allowed.contains(wanted));
    }

    private static boolean resourceMatches(String ruleResource, MemberPermission p) {
        if (ruleResource.equals("*") || ruleResource.equals(p.resource())) {
            return true;
        }
        return !p.subresource().isEmpty() && ruleResource.equals("*/" + p.subresource());
    }
}
