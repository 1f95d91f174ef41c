package io.mapbench.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.PolicyDecision;
import io.mapbench.operator.api.v1alpha1.PolicyViolation;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.dependent.RemoteLabels;
import io.mapbench.operator.policy.PolicyBundle;
import io.mapbench.operator.policy.PolicyConfigMaps;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The admission policy in the running operator (issue 5, item 3), on the real local clusters with
 * the real compiled policy (policies/dist) installed by policies/configmap.sh: denial with every
 * violation and nothing created remotely, admission after the fix, fail closed without a valid
 * policy and admission once it returns (no user action), and a lowered cap taking effect without
 * restarting the operator.
 *
 * <p>One operator process for the class ({@link OperatorProcess}, as in BenchmarkRunIT), scoped to
 * the class's namespace (runs, policy ConfigMaps, member Secrets) and to its own MemberClusters: {@code <ns>-edge} (edge-k3s-1, tier edge) and
 * {@code <ns>-parked} (cloud-1, tier cloud, with a nodeSelector no node matches, so its Jobs are
 * created but never use a CPU). The tests run in order and share the operator.
 */
@LocalClustersTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdmissionPolicyIT {
    private static final Duration DECISION = Duration.ofSeconds(90);
    private static final String POLICY_CONFIGMAP = "mapbench-policy";
    private static final Pattern LOADED = Pattern.compile("admission policy (sha256:[0-9a-f]+) loaded in (\\d+) ms");

    private static TestClusters clusters;
    private static KubernetesClient hub;
    private static String ns;
    private static String edge;
    private static String parked;
    private static OperatorProcess operator;
    private static PolicyBundle dist;
    private static Path work;

    @BeforeAll
    static void startOperator(TestClusters testClusters) throws Exception {
        clusters = testClusters;
        hub = clusters.hub();
        ns = clusters.namespace();
        edge = ns + "-edge";
        parked = ns + "-parked";
        dist = PolicyBundle.fromDirectory(clusters.repoRoot().resolve("policies/dist"));
        work = Path.of("target", "admission-policy-it", ns).toAbsolutePath();
        Files.createDirectories(work);

        try (Stream<Path> crds = Files.list(clusters.repoRoot().resolve("crds"))) {
            for (Path crd : crds.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                hub.resource(Files.readString(crd)).fieldManager("mapbench-admission-policy-it").forceConflicts()
                        .serverSideApply();
            }
        }
        hub.namespaces().withName(ns).edit(n -> {
            n.getMetadata().getLabels().put("mapbench.io/edge-allowed", "true");
            return n;
        });
        Path kubectl = Onboarding.kubectl(clusters.repoRoot());
        String label = "mapbench.io/it=" + ns;
        Onboarding.onboard(clusters.repoRoot(), kubectl, edge, "edge", clusters.kubeconfig("edge-k3s-1"),
                clusters.kubeconfig("hub"), ns, ns, label);
        Onboarding.onboard(clusters.repoRoot(), kubectl, parked, "cloud", clusters.kubeconfig("cloud-1"),
                clusters.kubeconfig("hub"), ns, ns, label);
        hub.resources(MemberCluster.class).withName(parked).edit(mc -> {
            mc.getSpec().setNodeSelector(Map.of("mapbench.io/no-such-node", "true"));
            return mc;
        });
        installPolicy(null);

        operator = new OperatorProcess(clusters.repoRoot(), clusters.kubeconfig("hub"), ns, label,
                Map.of("mapbench.unreachable-deadline", "1m"));
        operator.start();
        for (String mc : List.of(edge, parked)) {
            await("MemberCluster " + mc + " Ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ready(hub.resources(MemberCluster.class).withName(mc).get()));
        }
        await("policy loaded").atMost(DECISION).until(() -> log().contains(dist.revision() + " loaded in"));
    }

    @AfterAll
    static void stopOperator() throws Exception {
        if (operator == null) {
            return;
        }
        try {
            // The operator removes the finalizers: delete while it runs.
            hub.resources(BenchmarkRun.class).inNamespace(ns).delete();
            Onboarding.offboard(hub, clusters.client("edge-k3s-1"), edge, ns);
            Onboarding.offboard(hub, clusters.client("cloud-1"), parked, ns);
            await("runs and MemberClusters deleted").atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> hub.resources(BenchmarkRun.class).inNamespace(ns).list().getItems().isEmpty()
                            && hub.resources(MemberCluster.class).withName(edge).get() == null
                            && hub.resources(MemberCluster.class).withName(parked).get() == null);
        } finally {
            operator.close();
        }
    }

    // --------------------------------------------------------------------------------------- tests

    @Test
    @Order(1)
    void anOverLimitEdgeRunIsDeniedWithEveryViolationAndNothingIsCreated() throws Exception {
        BenchmarkRun run = create(run("edge-over-limits", edge, "2", "2Gi", "[1000, 10000000]"));

        BenchmarkRun denied = awaitRun(run, r -> phase(r) == RunPhase.Denied);

        Condition admitted = condition(denied, ConditionTypes.ADMITTED).orElseThrow();
        assertThat(admitted.getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(admitted.getReason()).isEqualTo("PolicyDenied");
        assertThat(denied.getStatus().getAssignment()).isNull();
        assertThat(denied.getStatus().getPolicy().getDecision()).isEqualTo(PolicyDecision.Denied);
        assertThat(denied.getStatus().getPolicy().getRevision()).isEqualTo(dist.revision());
        List<PolicyViolation> violations = denied.getStatus().getPolicy().getViolations();
        // Every violation, in the policy's order (rule, field, message); the smoke suite stays within the work budget.
        assertThat(violations).extracting(v -> v.getRule() + " " + v.getField()).containsExactly(
                "resources-cap spec.resources.limits.cpu", "resources-cap spec.resources.limits.memory",
                "resources-cap spec.resources.requests.cpu", "resources-cap spec.resources.requests.memory",
                "size-cap spec.matrix.sizes");
        assertThat(violations).filteredOn(v -> v.getRule().equals("resources-cap")).extracting(PolicyViolation::getMessage)
                .allMatch(m -> m.startsWith("cluster " + edge + " (tier edge) allows workload pods at most 1"));
        assertThat(violations).filteredOn(v -> v.getRule().equals("size-cap")).singleElement()
                .extracting(PolicyViolation::getMessage).isEqualTo("cluster " + edge + " (tier edge) runs map sizes up"
                        + " to 1000000 but the run's largest size is 10000000: remove sizes above 1000000 from"
                        + " spec.matrix.sizes, or place the run on cloud clusters only");
        assertThat(hub.v1().events().inNamespace(ns).list().getItems()).as("another operator without policy reconciles"
                + " this namespace; ITs must scope their operator with"
                + " quarkus.operator-sdk.controllers.benchmarkrun.namespaces")
                .noneMatch(e -> "PolicyDisabled".equals(e.getReason()));
        await("PolicyDenied event").atMost(Duration.ofSeconds(30))
                .until(() -> policyDeniedEvents(denied).size() == 1);
        assertThat(policyDeniedEvents(denied).get(0).getType()).isEqualTo("Warning");
        assertThat(policyDeniedEvents(denied).get(0).getMessage()).contains("size-cap");
        await("denials counted").atMost(Duration.ofSeconds(30)).until(() -> denials("size-cap") == 1.0);
        assertThat(denials("resources-cap")).isEqualTo(1.0); // once per decision, not per violation

        // A reconcile without a spec change (metadata only) neither re-decides nor re-counts.
        hub.resources(BenchmarkRun.class).inNamespace(ns).withName("edge-over-limits").edit(r -> {
            r.getMetadata().setAnnotations(new java.util.HashMap<>(Optional.ofNullable(r.getMetadata().getAnnotations())
                    .orElse(Map.of())));
            r.getMetadata().getAnnotations().put("mapbench.io/poke", "1");
            return r;
        });
        TimeUnit.SECONDS.sleep(5);
        assertThat(denials("size-cap")).isEqualTo(1.0);
        assertThat(policyDeniedEvents(denied)).hasSize(1);
        assertThat(remoteObjects("edge-k3s-1", denied)).isEmpty();
    }

    @Test
    @Order(2)
    void theFixedRunIsAdmittedAndRuns() throws Exception {
        BenchmarkRun fixed = hub.resources(BenchmarkRun.class).inNamespace(ns).withName("edge-over-limits").edit(r -> {
            r.getSpec().getResources().getRequests().setCpu(new io.fabric8.kubernetes.api.model.Quantity("1"));
            r.getSpec().getResources().getLimits().setCpu(new io.fabric8.kubernetes.api.model.Quantity("1"));
            r.getSpec().getResources().getRequests().setMemory(new io.fabric8.kubernetes.api.model.Quantity("512Mi"));
            r.getSpec().getResources().getLimits().setMemory(new io.fabric8.kubernetes.api.model.Quantity("512Mi"));
            r.getSpec().getMatrix().setSizes(List.of(1000L));
            return r;
        });

        BenchmarkRun admitted = awaitRun(fixed, r -> admittedReason(r).equals("PolicyAllowed"));

        assertThat(admitted.getStatus().getPolicy().getDecision()).isEqualTo(PolicyDecision.Allowed);
        assertThat(admitted.getStatus().getPolicy().getRevision()).isEqualTo(dist.revision());
        assertThat(admitted.getStatus().getPolicy().getViolations()).isEmpty();
        assertThat(admitted.getStatus().getAssignment().getClusters()).containsExactly(edge);
        await("Job created in edge-k3s-1").atMost(DECISION)
                .until(() -> remoteObjects("edge-k3s-1", admitted).stream().anyMatch(o -> o.getKind().equals("Job")));
        // It really runs: the smoke suite on the edge node (arm64 under qemu-user) to the end.
        BenchmarkRun finished = await("edge-over-limits Succeeded").atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1)).until(() -> get(admitted),
                        r -> r.getStatus() != null && r.getStatus().getPhase() != null
                                && r.getStatus().getPhase().isFinished());
        assertThat(finished.getStatus().getPhase()).as(finished.getStatus().getJobsSummary())
                .isEqualTo(RunPhase.Succeeded);
        assertThat(denials("size-cap")).isEqualTo(1.0);
        hub.resource(admitted).delete();
    }

    @Test
    @Order(3)
    void withoutAValidPolicyNothingIsAdmittedUntilOneReturns() throws Exception {
        hub.configMaps().inNamespace(ns).withName(POLICY_CONFIGMAP).delete();
        BenchmarkRun missing = create(run("no-policy", parked, "1", "512Mi", "[1000]"));
        BenchmarkRun waiting = awaitRun(missing, r -> admittedReason(r).equals("PolicyUnavailable"));
        assertThat(condition(waiting, ConditionTypes.ADMITTED).orElseThrow().getStatus()).isEqualTo(ConditionStatus.Unknown);
        assertThat(condition(waiting, ConditionTypes.ADMITTED).orElseThrow().getMessage())
                .contains("found the module in [] and the data in []");
        assertThat(phase(waiting)).isEqualTo(RunPhase.Pending);
        assertThat(waiting.getStatus().getAssignment()).isNull();

        // A corrupt module (not WebAssembly) is as good as none.
        hub.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(POLICY_CONFIGMAP)
                .addToLabels(PolicyConfigMaps.LABEL, "admission").endMetadata()
                .addToBinaryData(PolicyBundle.MODULE_FILE,
                        Base64.getEncoder().encodeToString("not a module".getBytes(StandardCharsets.UTF_8)))
                .addToData(PolicyBundle.DATA_FILE, dist.data()).build()).create();
        BenchmarkRun corrupt = create(run("corrupt-policy", parked, "1", "512Mi", "[1000]"));
        for (BenchmarkRun r : List.of(missing, corrupt)) {
            awaitRun(r, x -> admittedReason(x).equals("PolicyUnavailable")
                    && condition(x, ConditionTypes.ADMITTED).orElseThrow().getMessage().contains("cannot be loaded"));
        }
        TimeUnit.SECONDS.sleep(3);
        for (BenchmarkRun r : List.of(missing, corrupt)) {
            BenchmarkRun now = get(r);
            assertThat(now.getStatus().getAssignment()).as(r.getMetadata().getName()).isNull();
            assertThat(remoteObjects("cloud-1", now)).as(r.getMetadata().getName()).isEmpty();
        }

        // The valid policy returns: both runs are admitted without anyone touching them.
        long start = System.nanoTime();
        installPolicy(null);
        for (BenchmarkRun r : List.of(missing, corrupt)) {
            BenchmarkRun admitted = awaitRun(r, x -> admittedReason(x).equals("PolicyAllowed"));
            assertThat(admitted.getStatus().getPolicy().getRevision()).isEqualTo(dist.revision());
            assertThat(admitted.getStatus().getAssignment().getClusters()).containsExactly(parked);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("FIGURE policy restored -> 2 waiting runs admitted: %d ms (retry interval 30 s)%n", millis);
        assertThat(millis).as("admitted by the ConfigMap event, not by the 30 s retry").isLessThan(25_000);
        await("Jobs created in cloud-1").atMost(DECISION).until(() -> Stream.of(missing, corrupt)
                .allMatch(r -> remoteObjects("cloud-1", get(r)).stream().anyMatch(o -> o.getKind().equals("Job"))));
        hub.resources(BenchmarkRun.class).inNamespace(ns).withName("no-policy").delete();
        hub.resources(BenchmarkRun.class).inNamespace(ns).withName("corrupt-policy").delete();
    }

    @Test
    @Order(4)
    void aLoweredCapTakesEffectWithoutRestartingTheOperator() throws Exception {
        String lowered = dist.data().replace("\"cloud\":{\"cpu\":\"4\",\"cpuMillis\":4000",
                "\"cloud\":{\"cpu\":\"500m\",\"cpuMillis\":500");
        assertThat(lowered).isNotEqualTo(dist.data());
        String newRevision = PolicyBundle.of(dist.module(), lowered).revision();
        Path data = work.resolve("data-lowered-cloud-cpu.json");
        Files.writeString(data, lowered);

        long start = System.nanoTime();
        installPolicy(data);
        long applied = System.nanoTime();
        // Runs decided before the swap are judged by the old policy: wait for the swap, then create.
        await("new policy loaded").atMost(DECISION).pollInterval(Duration.ofMillis(100))
                .until(() -> log().contains("admission policy " + newRevision + " loaded in"));
        long swapped = System.nanoTime();
        BenchmarkRun run = create(run("after-lowered-cap", parked, "1", "512Mi", "[1000]"));
        BenchmarkRun denied = awaitRun(run, r -> phase(r) == RunPhase.Denied);
        long decided = System.nanoTime();

        assertThat(denied.getStatus().getPolicy().getRevision()).isEqualTo(newRevision);
        assertThat(denied.getStatus().getPolicy().getViolations()).extracting(PolicyViolation::getRule)
                .containsOnly("resources-cap");
        assertThat(denied.getStatus().getPolicy().getViolations()).extracting(PolicyViolation::getMessage)
                .allMatch(m -> m.contains("allows workload pods at most 500m cpu"));
        assertThat(remoteObjects("cloud-1", denied)).isEmpty();
        assertThat(operator.alive()).isTrue();
        assertThat(Pattern.compile("mapbench-operator \\S+ on JVM .* started in").matcher(log()).results().count())
                .as("the operator started once (no restart)").isEqualTo(1);
        Matcher loaded = LOADED.matcher(log());
        List<String> loads = new ArrayList<>();
        while (loaded.find()) {
            loads.add(loaded.group(1).substring(0, 19) + "=" + loaded.group(2) + "ms");
        }
        assertThat(loads).anyMatch(l -> l.startsWith(newRevision.substring(0, 19)));
        System.out.printf("FIGURE lowered cap: configmap.sh %d ms; ConfigMap applied -> new revision swapped in %d ms;"
                + " new run created -> Denied with the new revision %d ms; loads %s%n", (applied - start) / 1_000_000,
                (swapped - applied) / 1_000_000, (decided - swapped) / 1_000_000, loads);
    }

    // ------------------------------------------------------------------------------------- helpers

    private static BenchmarkRun run(String name, String cluster, String cpu, String memory, String sizes) {
        return hub.getKubernetesSerialization().unmarshal("""
                apiVersion: mapbench.io/v1alpha1
                kind: BenchmarkRun
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  suite: smoke
                  matrix: {sizes: %s}
                  goVersions: ["1.26"]
                  repetitions: 3
                  placement: {clusters: [%s]}
                  resources:
                    requests: {cpu: "%s", memory: %s}
                    limits: {cpu: "%s", memory: %s}
                  timeout: 10m
                """.formatted(name, ns, sizes, cluster, cpu, memory, cpu, memory), BenchmarkRun.class);
    }

    private static BenchmarkRun create(BenchmarkRun run) {
        return hub.resource(run).create();
    }

    private static BenchmarkRun get(BenchmarkRun run) {
        return hub.resources(BenchmarkRun.class).inNamespace(ns).withName(run.getMetadata().getName()).get();
    }

    private static BenchmarkRun awaitRun(BenchmarkRun run, java.util.function.Predicate<BenchmarkRun> condition) {
        return await(run.getMetadata().getName()).atMost(DECISION).pollInterval(Duration.ofMillis(200))
                .until(() -> get(run), r -> r != null && r.getStatus() != null && condition.test(r));
    }

    private static RunPhase phase(BenchmarkRun run) {
        return run.getStatus() == null ? null : run.getStatus().getPhase();
    }

    private static Optional<Condition> condition(BenchmarkRun run, String type) {
        return run.getStatus() == null ? Optional.empty()
                : run.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static String admittedReason(BenchmarkRun run) {
        return condition(run, ConditionTypes.ADMITTED).map(Condition::getReason).orElse("");
    }

    private static boolean ready(MemberCluster mc) {
        return mc != null && mc.getStatus() != null && mc.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && c.getStatus() == ConditionStatus.True);
    }

    private static List<Event> policyDeniedEvents(BenchmarkRun run) {
        return hub.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> run.getMetadata().getUid().equals(e.getInvolvedObject().getUid()))
                .filter(e -> "PolicyDenied".equals(e.getReason())).toList();
    }

    /** Every Job, ConfigMap and PodDisruptionBudget of the run in a member's workload namespace. */
    private static List<HasMetadata> remoteObjects(String member, BenchmarkRun run) {
        KubernetesClient client = clusters.client(member);
        String selector = RemoteLabels.RUN_UID;
        String uid = run.getMetadata().getUid();
        List<HasMetadata> found = new ArrayList<>();
        found.addAll(client.batch().v1().jobs().inNamespace(ns).withLabel(selector, uid).list().getItems());
        found.addAll(client.configMaps().inNamespace(ns).withLabel(selector, uid).list().getItems());
        found.addAll(client.policy().v1().podDisruptionBudget().inNamespace(ns).withLabel(selector, uid).list()
                .getItems());
        return found;
    }

    /** mapbench_policy_denials_total{rule} at the operator's /q/metrics (0 when absent). */
    private static double denials(String rule) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("(?m)^mapbench_policy_denials_total\\{[^}]*rule=\"" + Pattern.quote(rule)
                + "\"[^}]*\\} (\\S+)$").matcher(operator.metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }

    /** The operator's log so far (this class's operator only: the file is named after the namespace). */
    private static String log() throws IOException {
        return Files.readString(operator.log());
    }

    /** policies/configmap.sh with the committed dist/, or with another data document. */
    private static void installPolicy(Path data) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(clusters.repoRoot().resolve("policies/configmap.sh").toString(),
                "--kubeconfig", clusters.kubeconfig("hub").toString(), "--namespace", ns, "--name", POLICY_CONFIGMAP));
        if (data != null) {
            args.addAll(List.of("--data", data.toString()));
        }
        script(args.toArray(String[]::new));
    }

    private static void script(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "script", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 180s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n"
                    + Files.readString(log));
        }
    }
}
