package io.mapbench.operator.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;

class PermissionRulesTest {

    private static ResourceRule rule(List<String> groups, List<String> resources, List<String> verbs) {
        return new ResourceRule(groups, List.of(), resources, verbs);
    }

    /** The Role deploy/member/rbac.yaml gives the hub's ServiceAccount, as the rules review reports it. */
    static List<ResourceRule> onboardingRules() throws Exception {
        Path rbac = Path.of("../deploy/member/rbac.yaml");
        if (!Files.exists(rbac)) {
            rbac = Path.of("deploy/member/rbac.yaml");
        }
        List<ResourceRule> rules = new ArrayList<>();
        for (String doc : Files.readString(rbac).split("(?m)^---$")) {
            if (doc.contains("kind: Role\n")) {
                Role role = Serialization.unmarshal(doc, Role.class);
                for (PolicyRule r : role.getRules()) {
                    rules.add(new ResourceRule(r.getApiGroups(), r.getResourceNames(), r.getResources(), r.getVerbs()));
                }
            }
        }
        assertThat(rules).as("Role rules in deploy/member/rbac.yaml").isNotEmpty();
        return rules;
    }

    @Test
    void onboardingRoleGrantsEveryRequiredPermission() throws Exception {
        assertThat(PermissionRules.missing(onboardingRules(), MemberPermission.REQUIRED)).isEmpty();
    }

    @Test
    void roleWithoutPodsLogMissesExactlyPodsLogGet() throws Exception {
        List<ResourceRule> rules = onboardingRules().stream()
                .filter(r -> !r.getResources().contains("pods/log")).toList();
        List<MemberPermission> missing = PermissionRules.missing(rules, MemberPermission.REQUIRED);
        assertThat(missing).containsExactly(new MemberPermission("", "pods/log", "get"));
        assertThat(missing.get(0)).hasToString("pods/log get");
    }

    @Test
    void groupQualifiedNamesReadLikeKubectl() {
        assertThat(new MemberPermission("batch", "jobs", "watch")).hasToString("jobs.batch watch");
        assertThat(new MemberPermission("policy", "poddisruptionbudgets", "deletecollection"))
                .hasToString("poddisruptionbudgets.policy deletecollection");
    }

    @Test
    void readOnlyJobsMissTheWriteVerbsInOrder() {
        List<ResourceRule> rules = List.of(rule(List.of("batch"), List.of("jobs"), List.of("get", "list", "watch")));
        List<MemberPermission> jobs = MemberPermission.REQUIRED.stream().filter(p -> p.resource().equals("jobs")).toList();
        assertThat(PermissionRules.missing(rules, jobs)).extracting(MemberPermission::verb)
                .containsExactly("create", "patch", "delete", "deletecollection");
    }

    @Test
    void wildcardsGrantLikeRbac() {
        assertThat(PermissionRules.missing(List.of(rule(List.of("*"), List.of("*"), List.of("*"))),
                MemberPermission.REQUIRED)).isEmpty();
        // "*/log" is RBAC's "this subresource of any resource"; it does not grant pods itself
        List<ResourceRule> logs = List.of(rule(List.of(""), List.of("*/log"), List.of("get")));
        assertThat(PermissionRules.missing(logs, List.of(new MemberPermission("", "pods/log", "get")))).isEmpty();
        assertThat(PermissionRules.missing(logs, List.of(new MemberPermission("", "pods", "get")))).hasSize(1);
        // "pods" does not include its subresources
        List<ResourceRule> pods = List.of(rule(List.of(""), List.of("pods"), List.of("*")));
        assertThat(PermissionRules.missing(pods, List.of(new MemberPermission("", "pods/log", "get")))).hasSize(1);
    }

    @Test
    void wrongGroupOrNamedResourcesGrantNothing() {
        MemberPermission list = new MemberPermission("batch", "jobs", "list");
        assertThat(PermissionRules.missing(List.of(rule(List.of(""), List.of("jobs"), List.of("list"))), List.of(list)))
                .containsExactly(list);
        ResourceRule named = new ResourceRule(List.of("batch"), List.of("one-job"), List.of("jobs"), List.of("list"));
        assertThat(PermissionRules.missing(List.of(named), List.of(list))).containsExactly(list);
    }
}
