package io.mapbench.operator.faults;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault case 10: invalid BenchmarkRuns, MemberClusters and BenchmarkResults generated from the
 * committed CRDs' schemas ({@link InvalidObjectGenerator}), sent to the real hub API server the way
 * kubectl applies (server-side field validation Strict), as dry runs so nothing is stored. Each
 * must be rejected with a message naming the field. Objects the schema cannot reject (malformed
 * label selectors, 100 KB strings in unbounded fields) are created for real as runs: the running
 * operator must end them Failed or Denied with a condition naming the field, and create nothing on
 * any member.
 *
 * <p>The quick CI subset runs the API-server half (dry runs, no operator: about 30 s); the full
 * level adds the semantic half, with a member, the real policy and the operator.
 */
@LocalClustersTest
@Tag(FaultLevel.SHARED)
class CrdSchemaFaultIT {
    private static final Map<String, String> CRDS = Map.of("BenchmarkRun", "benchmarkruns.mapbench.io-v1.yml",
            "MemberCluster", "memberclusters.mapbench.io-v1.yml", "BenchmarkResult", "benchmarkresults.mapbench.io-v1.yml");

    private static final String TITLE = "schema-driven invalid objects of the three CRDs";

    @Test
    void everyInvalidObjectIsRejectedNamingTheField(TestClusters clusters) throws Exception {
        boolean semanticToo = FaultLevel.full();
        FaultCase row = FaultCase.start("10", TITLE + (semanticToo ? "" : " (quick level: the API-server half, dry runs)"));
        try (FaultFleet fleet = new FaultFleet(clusters)) {
            if (semanticToo) {
                fleet.member("cloud", FaultFleet.CLOUD, "cloud", 3).withPolicy().start();
            }
            try {
                KubernetesClient hub = fleet.hub;
                Map<String, ObjectNode> bases = bases(fleet);
                int generated = 0;
                int rejectedNamingField = 0;
                List<String> notNaming = new ArrayList<>();
                List<String> acceptedInvalid = new ArrayList<>();
                TreeSet<String> unboundedMember = new TreeSet<>();
                List<InvalidObjectGenerator.Invalid> semantic = new ArrayList<>();
                int celRules = 0;
                int celCovered = 0;
                for (Map.Entry<String, ObjectNode> e : bases.entrySet()) {
                    JsonNode schema = schema(hub, clusters.repoRoot().resolve("crds").resolve(CRDS.get(e.getKey())));
                    String baseProblem = apply(hub, e.getValue(), true);
                    row.expect(baseProblem == null, "the valid %s base was rejected: %s", e.getKey(), baseProblem);
                    InvalidObjectGenerator g = InvalidObjectGenerator.generate(e.getKey(), schema, e.getValue());
                    celRules += g.celRules();
                    celCovered += g.celRulesGenerated();
                    int i = 0;
                    for (InvalidObjectGenerator.Invalid invalid : g.objects()) {
                        generated++;
                        invalid.object().with("metadata").put("name", "gen-" + e.getKey().toLowerCase() + "-" + i++);
                        if (invalid.expect() == InvalidObjectGenerator.Expect.UNBOUNDED) {
                            if (e.getKey().equals("BenchmarkRun")) {
                                if (semanticToo) {
                                    semantic.add(invalid);
                                }
                            } else if (apply(hub, invalid.object(), true) == null) {
                                unboundedMember.add(e.getKey() + " " + invalid.field());
                            }
                            continue;
                        }
                        String message = apply(hub, invalid.object(), true);
                        if (message == null) {
                            acceptedInvalid.add(invalid.kind() + ": " + invalid.what());
                        } else if (namesField(message, invalid.field())) {
                            rejectedNamingField++;
                        } else {
                            notNaming.add(invalid.kind() + ": " + invalid.what() + " -> " + message);
                        }
                    }
                }

                // Semantic: the schema lets them in, the operator must refuse them and create nothing.
                List<String> names = new ArrayList<>();
                for (InvalidObjectGenerator.Invalid invalid : semantic) {
                    String problem = apply(hub, invalid.object(), false);
                    if (problem == null) {
                        names.add(invalid.object().path("metadata").path("name").asText());
                    } else if (namesField(problem, invalid.field())) {
                        rejectedNamingField++;
                    } else {
                        notNaming.add(invalid.kind() + ": " + invalid.what() + " -> " + problem);
                    }
                }
                Map<String, String> verdicts = judged(fleet, names, semantic);
                long judgedNamingField = verdicts.values().stream().filter(v -> v.startsWith("ok")).count();
                List<BenchmarkRun> runs = names.stream().map(fleet::get).toList();
                int remote = fleet.jobsCreated(runs.stream().filter(r -> r != null).toList());
                verdicts.forEach((n, v) -> {
                    if (!v.startsWith("ok")) {
                        System.out.println("FAULT 10 not judged: " + n + ": " + v);
                    }
                });
                notNaming.stream().limit(10).forEach(m -> System.out.println("FAULT 10 rejected without naming the field: " + m));
                acceptedInvalid.forEach(m -> System.out.println("FAULT 10 accepted although invalid: " + m));

                row.runs(names.size(), (int) runs.stream().filter(r -> r != null && r.getStatus() != null
                        && (r.getStatus().getPhase() == RunPhase.Failed || r.getStatus().getPhase() == RunPhase.Denied)).count())
                        .count("generated", generated).count("rejected at apply naming the field", rejectedNamingField)
                        .count("rejected not naming it", notNaming.size()).count("accepted though invalid", acceptedInvalid.size())
                        .count("semantic Failed/Denied naming the field", judgedNamingField + "/" + names.size())
                        .count("CEL rules with generated violations", celCovered + "/" + celRules)
                        .count("unbounded member/result fields", unboundedMember.size())
                        .count("remote Jobs", remote)
                        .expect(notNaming.isEmpty(), "%d rejections do not name the field", notNaming.size())
                        .expect(acceptedInvalid.isEmpty(), "%d invalid objects accepted: %s", acceptedInvalid.size(),
                                String.join(", ", acceptedInvalid.stream().limit(5).toList()))
                        .expect(judgedNamingField == names.size(), "%d of %d schema-valid but invalid runs not Failed/Denied naming the field",
                                names.size() - judgedNamingField, names.size())
                        .expect(unboundedMember.isEmpty(), "100 KB accepted in %s", unboundedMember)
                        .expect(remote == 0, "%d remote Jobs for invalid runs", remote)
                        .duplicateJobs(fleet.duplicateJobs())
                        .orphans(fleet.deleteAndCountOrphans(runs, Duration.ofMinutes(2)));
                row.finish();
            } catch (Exception | AssertionError e) {
                row.abort(e);
                throw e;
            }
        } catch (Exception | AssertionError e) {
            row.abort(e); // also when the fleet could not even start
            throw e;
        }
    }

    /** One valid object per kind (checked by a dry run before generating from it). */
    private static Map<String, ObjectNode> bases(FaultFleet fleet) {
        var json = fleet.hub.getKubernetesSerialization();
        Map<String, ObjectNode> bases = new LinkedHashMap<>();
        BenchmarkRun run = fleet.run("base", List.of("1.26"), "cloud");
        bases.put("BenchmarkRun", json.convertValue(run, ObjectNode.class));
        bases.put("MemberCluster", (ObjectNode) json.unmarshal("""
                {"apiVersion": "mapbench.io/v1alpha1", "kind": "MemberCluster", "metadata": {"name": "base"},
                 "spec": {"kubeconfigSecretRef": {"name": "no-such-secret", "key": "kubeconfig"}, "namespace": "mapbench-workloads",
                          "maxConcurrentRuns": 1, "nodeSelector": {"k": "v"},
                          "tolerations": [{"key": "mapbench.io/edge", "operator": "Equal", "value": "true", "effect": "NoSchedule"}]}}
                """, JsonNode.class));
        bases.put("BenchmarkResult", (ObjectNode) json.unmarshal("""
                {"apiVersion": "mapbench.io/v1alpha1", "kind": "BenchmarkResult", "metadata": {"name": "base", "namespace": "%s"},
                 "spec": {"arch": "amd64", "cluster": "cloud-1", "goVersion": "1.26.8", "mapImpl": "swiss", "result": {},
                          "run": "base", "runUid": "0f0e0d0c-0000-4000-8000-000000000000", "node": "n", "nodeArch": "amd64",
                          "cpuModel": "c", "emulation": ""}}
                """.formatted(fleet.ns), JsonNode.class));
        bases.get("BenchmarkRun").with("metadata").put("namespace", fleet.ns);
        return bases;
    }

    private static JsonNode schema(KubernetesClient hub, Path crdFile) throws Exception {
        CustomResourceDefinition crd = hub.getKubernetesSerialization().unmarshal(Files.readString(crdFile), CustomResourceDefinition.class);
        return hub.getKubernetesSerialization().convertValue(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema(),
                JsonNode.class);
    }

    /** Creates the object (a dry run when asked) with strict field validation; null when accepted, else the server's message. */
    private static String apply(KubernetesClient hub, ObjectNode object, boolean dryRun) {
        GenericKubernetesResource r = hub.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
        try {
            if (dryRun) {
                hub.resource(r).dryRun().fieldValidation(FieldValidateable.Validation.STRICT).create();
            } else {
                hub.resource(r).fieldValidation(FieldValidateable.Validation.STRICT).create();
            }
            return null;
        } catch (KubernetesClientException e) {
            return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        }
    }

    /** The server names a field as spec.a.b, spec.a[0].b or, for map keys, spec.a[k]. */
    static boolean namesField(String message, String field) {
        String mapForm = field.replaceAll("\\.k$", "[k]");
        String parent = field.replaceAll("(\\[0])?(\\.[A-Za-z]+)?$", "");
        return message.contains(field) || message.contains(mapForm) || message.contains(field.replace("[0]", ""))
                || (field.endsWith(".k") && message.contains(parent));
    }

    /** For each semantic run: "ok ..." when Failed/Denied with a condition naming the field, else what it is. */
    private static Map<String, String> judged(FaultFleet fleet, List<String> names, List<InvalidObjectGenerator.Invalid> semantic) {
        Map<String, String> fieldByName = new LinkedHashMap<>();
        for (InvalidObjectGenerator.Invalid i : semantic) {
            fieldByName.put(i.object().path("metadata").path("name").asText(), i.field());
        }
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .until(() -> names.stream().allMatch(n -> verdict(fleet.get(n), fieldByName.get(n)).startsWith("ok")));
        } catch (ConditionTimeoutException e) {
            // reported per run below
        }
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (String n : names) {
            verdicts.put(n, verdict(fleet.get(n), fieldByName.get(n)));
        }
        return verdicts;
    }

    private static String verdict(BenchmarkRun r, String field) {
        if (r == null || r.getStatus() == null || r.getStatus().getPhase() == null) {
            return "no status";
        }
        RunPhase p = r.getStatus().getPhase();
        // The field itself or an enclosing one down to spec.<a>.<b> (e.g. spec.placement.clusterSelector).
        List<String> names = new ArrayList<>();
        for (String f = field.replace("[0]", ""); f.split("\\.").length >= 3; f = f.substring(0, f.lastIndexOf('.'))) {
            names.add(f);
        }
        names.add(field);
        boolean named = r.getStatus().getConditions().stream().anyMatch(c -> c.getMessage() != null
                && names.stream().anyMatch(c.getMessage()::contains));
        if ((p == RunPhase.Failed || p == RunPhase.Denied) && named) {
            return "ok " + p;
        }
        return p + " " + r.getStatus().getConditions().stream().map(c -> c.getType() + "=" + c.getStatus() + " " + c.getReason()
                + ": " + c.getMessage()).toList();
    }
}
