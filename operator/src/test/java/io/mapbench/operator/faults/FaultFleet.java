package io.mapbench.operator.faults;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.ComputeResources;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.JobStatus;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.PlacementSpec;
import io.mapbench.operator.api.v1alpha1.ResourcesSpec;
import io.mapbench.operator.api.v1alpha1.Suite;
import io.mapbench.operator.dependent.RemoteLabels;
import io.mapbench.operator.it.BadKubeconfigs;
import io.mapbench.operator.it.Onboarding;
import io.mapbench.operator.it.OperatorProcess;
import io.mapbench.testsupport.CommittedCrds;
import io.mapbench.testsupport.TestClusters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One fault case's fleet on the local clusters: the CRDs, MemberClusters onboarded with
 * deploy/member/onboard.sh (token kubeconfigs, restricted workload namespace), optionally the real
 * compiled admission policy, and the real operator jar as a process ({@link OperatorProcess}),
 * scoped to the test class's namespace. It counts what the rows report: every remote Job ever
 * created (an informer per member records each Job UID per (run, cluster, Go version) slot, so a
 * Job deleted and created again is a duplicate even when only one is ever visible), results per
 * job, and remote objects left behind by deleted runs.
 *
 * <p>{@link #close()} deletes the runs and waits for them to go while the operator still runs (it
 * owns their finalizers), offboards the members, then stops the operator: no namespace is left
 * Terminating.
 */
final class FaultFleet implements AutoCloseable {
    static final String CLOUD = "cloud-1";
    static final String EDGE = "edge-k3s-1";
    private static final List<Class<? extends HasMetadata>> REMOTE_KINDS = List.of(Job.class, io.fabric8.kubernetes.api.model.Pod.class,
            io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class, io.fabric8.kubernetes.api.model.ConfigMap.class);

    final TestClusters clusters;
    final KubernetesClient hub;
    final String ns;
    final String label;
    /** MemberCluster name -> local cluster it points at. */
    final Map<String, String> members = new LinkedHashMap<>();
    /** MemberCluster name -> its workload namespace on the member (the test namespace unless said otherwise). */
    private final Map<String, String> workloadNamespaces = new LinkedHashMap<>();
    /** Members onboarded broken on purpose: start() does not wait for them to be Ready. */
    private final Set<String> neverReady = new HashSet<>();
    /** MemberClusters created from a given kubeconfig, without onboard.sh (no remote objects of theirs to watch). */
    private final List<String> unonboarded = new ArrayList<>();
    private final Map<String, String> operatorProperties = new HashMap<>();
    private final List<SharedIndexInformer<Job>> informers = new ArrayList<>();
    /** slot (run UID / cluster / Go version) -> every Job UID seen for it. */
    private final Map<String, Set<String>> jobUidsBySlot = new ConcurrentHashMap<>();
    private boolean policy;
    private Path operatorKubeconfig;
    private OperatorProcess operator;
    private int operatorStarts;
    private int setupRestarts;

    /** Applies the committed CRDs (waiting until Established): onboarding creates a MemberCluster. */
    FaultFleet(TestClusters clusters) {
        this.clusters = clusters;
        this.hub = clusters.hub();
        this.ns = clusters.namespace();
        this.label = "mapbench.io/it=" + ns;
        operatorProperties.put("mapbench.policy.enabled", "false");
        CommittedCrds.apply(hub, clusters.repoRoot());
    }

    /** Onboards {@code ns-<suffix>} onto a local cluster, reached directly or through {@code server}. */
    FaultFleet member(String suffix, String cluster, String tier, int maxConcurrentRuns, String server) throws Exception {
        String name = ns + "-" + suffix;
        Onboarding.onboard(clusters.repoRoot(), Onboarding.kubectl(clusters.repoRoot()), name, tier, clusters.kubeconfig(cluster),
                clusters.kubeconfig("hub"), ns, ns, label, server, maxConcurrentRuns);
        members.put(name, cluster);
        workloadNamespaces.put(name, ns);
        return this;
    }

    FaultFleet member(String suffix, String cluster, String tier, int maxConcurrentRuns) throws Exception {
        return member(suffix, cluster, tier, maxConcurrentRuns, null);
    }

    /**
     * Onboards {@code ns-<suffix>} with onboard.sh into a workload namespace of its own (also
     * {@code ns-<suffix>}, so it has its own Role), then removes pods/log from that Role before the
     * operator starts: a member onboarded with incomplete RBAC. start() does not wait for it to be
     * Ready; close() deletes its workload namespace.
     */
    FaultFleet memberWithoutPodsLog(String suffix, String cluster, String tier) throws Exception {
        String name = ns + "-" + suffix;
        Onboarding.onboard(clusters.repoRoot(), Onboarding.kubectl(clusters.repoRoot()), name, tier, clusters.kubeconfig(cluster),
                clusters.kubeconfig("hub"), ns, name, label, null, 1);
        members.put(name, cluster);
        workloadNamespaces.put(name, name);
        neverReady.add(name);
        Onboarding.withoutPodsLog(clusters.client(cluster), name);
        return this;
    }

    /**
     * A MemberCluster {@code ns-<suffix>} (tier cloud, workload namespace = the test namespace) whose
     * kubeconfig Secret holds exactly these bytes: the kubeconfigs onboard.sh never writes. Created
     * at once (the operator may already run); close() deletes it.
     */
    String memberFromKubeconfig(String suffix, byte[] kubeconfig) {
        String name = ns + "-" + suffix;
        String[] selector = label.split("=", 2);
        unonboarded.add(name);
        BadKubeconfigs.createMember(hub, name, ns, Map.of(selector[0], selector[1], "mapbench.io/tier", "cloud"), kubeconfig);
        return name;
    }

    /** Each (local cluster, workload namespace) the members use, once. */
    private Set<Map.Entry<String, String>> workloadPlaces() {
        Set<Map.Entry<String, String>> places = new LinkedHashSet<>();
        members.forEach((mc, cluster) -> places.add(Map.entry(cluster, workloadNamespaces.get(mc))));
        return places;
    }

    /** The real compiled policy (policies/dist via policies/configmap.sh) and the gate on. */
    FaultFleet withPolicy() throws Exception {
        installPolicy();
        policy = true;
        operatorProperties.put("mapbench.policy.enabled", "true");
        return this;
    }

    /** The operator's hub credentials (default: the hub's admin kubeconfig). */
    FaultFleet operatorKubeconfig(Path kubeconfig) {
        this.operatorKubeconfig = kubeconfig;
        return this;
    }

    FaultFleet property(String key, String value) {
        operatorProperties.put(key, value);
        return this;
    }

    /** CRDs, Job ledgers on every member, the operator; waits until every member (but those broken on purpose) is Ready. */
    FaultFleet start() throws Exception {
        for (Map.Entry<String, String> place : workloadPlaces()) {
            SharedIndexInformer<Job> informer = clusters.client(place.getKey()).batch().v1().jobs().inNamespace(place.getValue())
                    .withLabel(RemoteLabels.RUN_UID).inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(Job job) {
                            Map<String, String> l = job.getMetadata().getLabels();
                            jobUidsBySlot.computeIfAbsent(l.get(RemoteLabels.RUN_UID) + "/" + l.get(RemoteLabels.CLUSTER) + "/"
                                    + l.get(RemoteLabels.GO_VERSION), k -> ConcurrentHashMap.newKeySet()).add(job.getMetadata().getUid());
                        }

                        @Override
                        public void onUpdate(Job oldJob, Job newJob) {
                            onAdd(newJob);
                        }

                        @Override
                        public void onDelete(Job job, boolean unknownFinalState) {
                        }
                    });
            informers.add(informer);
        }
        operator = new OperatorProcess(clusters.repoRoot(), operatorKubeconfig != null ? operatorKubeconfig : clusters.kubeconfig("hub"),
                ns, label, operatorProperties);
        startOperator();
        for (String mc : members.keySet().stream().filter(m -> !neverReady.contains(m)).toList()) {
            await("MemberCluster " + mc + " Ready").atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(() -> restartedIfExited() && ready(hub.resources(MemberCluster.class).withName(mc).get()));
        }
        if (policy) {
            await("admission policy loaded").atMost(Duration.ofSeconds(90)).until(() -> operatorLog().contains(" loaded in "));
        }
        return this;
    }

    /**
     * Before the fault: an operator that exited while starting (on a loaded machine the hub may
     * not answer its first lists in time, and Quarkus then exits) is started again, as the kubelet
     * restarts a crashed pod. Counted in {@link #setupRestarts()}. Always true (an await condition).
     */
    private boolean restartedIfExited() {
        if (!operator.alive()) {
            System.out.println("FAULT setup: the operator exited while starting (see " + operator.log() + "); starting it again");
            setupRestarts++;
            startOperator();
        }
        return true;
    }

    /** Operator restarts needed before the case's fault, because it exited while starting. */
    int setupRestarts() {
        return setupRestarts;
    }

    OperatorProcess operator() {
        return operator;
    }

    void startOperator() {
        operator.start();
        operatorStarts++;
    }

    /**
     * Waits until the (re)started operator serves HTTP: Quarkus opens its port once startup,
     * controllers included, is done. A kill before that would only ever hit a starting JVM.
     */
    void awaitOperatorServing(Duration atMost) {
        await("operator serving").atMost(atMost).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> operator.alive() && !operator.metrics().isEmpty());
    }

    int operatorStarts() {
        return operatorStarts;
    }

    String operatorLog() throws IOException {
        return Files.readString(operator.log(), StandardCharsets.UTF_8);
    }

    static boolean ready(MemberCluster mc) {
        return mc != null && mc.getStatus() != null && mc.getStatus().getConditions() != null && mc.getStatus().getConditions().stream()
                .anyMatch(c -> ConditionTypes.READY.equals(c.getType()) && c.getStatus() == ConditionStatus.True);
    }

    // ------------------------------------------------------------------------------------- runs

    /** A small run: the smoke suite once, on the given MemberClusters (by suffix), 1 CPU. */
    BenchmarkRun run(String name, List<String> goVersions, String... memberSuffixes) {
        BenchmarkRun run = new BenchmarkRun();
        run.getMetadata().setName(name);
        run.getMetadata().setNamespace(ns);
        BenchmarkRunSpec spec = new BenchmarkRunSpec();
        spec.setSuite(Suite.SMOKE);
        spec.setGoVersions(goVersions);
        spec.setRepetitions(1);
        PlacementSpec placement = new PlacementSpec();
        placement.setClusters(java.util.Arrays.stream(memberSuffixes).map(s -> ns + "-" + s).toList());
        spec.setPlacement(placement);
        ResourcesSpec resources = new ResourcesSpec();
        ComputeResources r = new ComputeResources();
        r.setCpu(new Quantity("500m"));
        r.setMemory(new Quantity("256Mi"));
        resources.setRequests(r);
        resources.setLimits(r);
        spec.setResources(resources);
        spec.setTimeout("5m");
        run.setSpec(spec);
        return run;
    }

    BenchmarkRun create(BenchmarkRun run) {
        return hub.resource(run).create();
    }

    BenchmarkRun get(String name) {
        return hub.resources(BenchmarkRun.class).inNamespace(ns).withName(name).get();
    }

    List<BenchmarkRun> runs() {
        return hub.resources(BenchmarkRun.class).inNamespace(ns).list().getItems();
    }

    static boolean finished(BenchmarkRun r) {
        return r != null && r.getStatus() != null && r.getStatus().getPhase() != null && r.getStatus().getPhase().isFinished();
    }

    /**
     * Waits (bounded) until every named run is finished, or Denied (a verdict that stands: waiting
     * longer changes nothing); returns their state then, finished or not.
     */
    List<BenchmarkRun> awaitFinished(Collection<String> names, Duration atMost) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> names.stream().map(this::get).allMatch(r -> finished(r)
                            || r.getStatus() != null && r.getStatus().getPhase() == io.mapbench.operator.api.v1alpha1.RunPhase.Denied));
        } catch (ConditionTimeoutException e) {
            System.out.println("FAULT not every run finished within " + atMost + ": " + describe(names));
        }
        return names.stream().map(this::get).toList();
    }

    String describe(Collection<String> names) {
        return names.stream().map(this::get).map(r -> r == null ? "(gone)" : r.getMetadata().getName() + "="
                + (r.getStatus() == null ? "no status" : r.getStatus().getPhase() + " " + hub.getKubernetesSerialization()
                        .asJson(r.getStatus().getConditions()))).collect(Collectors.joining("; "));
    }

    static int finishedCount(List<BenchmarkRun> runs) {
        return (int) runs.stream().filter(FaultFleet::finished).count();
    }

    // ----------------------------------------------------------------------------------- counts

    /** Jobs created beyond one per (run, cluster, Go version), by UID, since the fleet started. */
    int duplicateJobs() {
        return jobUidsBySlot.values().stream().mapToInt(uids -> Math.max(0, uids.size() - 1)).sum();
    }

    /** Jobs ever created for these runs. */
    int jobsCreated(Collection<BenchmarkRun> runs) {
        Set<String> uids = runs.stream().map(r -> r.getMetadata().getUid()).collect(Collectors.toSet());
        return jobUidsBySlot.entrySet().stream().filter(e -> uids.contains(e.getKey().split("/")[0]))
                .mapToInt(e -> e.getValue().size()).sum();
    }

    /** Jobs Succeeded in status without their BenchmarkResult object on the hub. */
    int lostResults(List<BenchmarkRun> runs) {
        Set<String> names = results(runs).stream().map(r -> r.getMetadata().getName()).collect(Collectors.toSet());
        int lost = 0;
        for (BenchmarkRun r : runs) {
            if (r == null || r.getStatus() == null) {
                continue;
            }
            for (JobStatus j : r.getStatus().getJobs()) {
                if (j.getPhase() == JobPhase.Succeeded && (j.getResultName() == null || !names.contains(j.getResultName()))) {
                    lost++;
                }
            }
        }
        return lost;
    }

    /** BenchmarkResults beyond one per (run, cluster, Go version). */
    int duplicateResults(List<BenchmarkRun> runs) {
        Map<String, Long> perSlot = results(runs).stream().collect(Collectors.groupingBy(
                r -> r.getSpec().getRunUid() + "/" + r.getSpec().getCluster() + "/" + r.getSpec().getGoVersion(), Collectors.counting()));
        return perSlot.values().stream().mapToInt(n -> (int) (n - 1)).sum();
    }

    List<BenchmarkResult> results(List<BenchmarkRun> runs) {
        Set<String> uids = runs.stream().filter(r -> r != null).map(r -> r.getMetadata().getUid()).collect(Collectors.toSet());
        return hub.resources(BenchmarkResult.class).inNamespace(ns).list().getItems().stream()
                .filter(r -> uids.contains(r.getSpec().getRunUid())).toList();
    }

    /**
     * Deletes the runs and waits (bounded) until they are gone from the hub and their remote
     * objects from every member; returns the remote objects still carrying their UIDs then.
     */
    int deleteAndCountOrphans(List<BenchmarkRun> runs, Duration atMost) {
        Set<String> uids = runs.stream().filter(r -> r != null).map(r -> r.getMetadata().getUid()).collect(Collectors.toSet());
        for (BenchmarkRun r : runs) {
            if (r != null) {
                hub.resources(BenchmarkRun.class).inNamespace(ns).withName(r.getMetadata().getName()).delete();
            }
        }
        try {
            await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> runs.stream().filter(r -> r != null).allMatch(r -> get(r.getMetadata().getName()) == null)
                            && remoteObjects(uids) == 0);
        } catch (ConditionTimeoutException e) {
            System.out.println("FAULT cleanup incomplete after " + atMost + ": runs " + describe(runs.stream().filter(r -> r != null)
                    .map(r -> r.getMetadata().getName()).toList()));
        }
        return remoteObjects(uids);
    }

    /** Remote Jobs, pods, PDBs and ConfigMaps carrying one of these run UIDs, on every member. */
    int remoteObjects(Set<String> runUids) {
        int n = 0;
        for (Map.Entry<String, String> place : workloadPlaces()) {
            for (Class<? extends HasMetadata> kind : REMOTE_KINDS) {
                n += (int) clusters.client(place.getKey()).resources(kind).inNamespace(place.getValue()).withLabel(RemoteLabels.RUN_UID)
                        .list().getItems()
                        .stream().filter(o -> runUids.contains(o.getMetadata().getLabels().get(RemoteLabels.RUN_UID))).count();
            }
        }
        return n;
    }

    // ------------------------------------------------------------------------------ fault hooks

    /** deploy/local/clusters with arguments (fault hooks: stop/start components, proxy); its output. */
    String clustersTool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(clusters.repoRoot().resolve("deploy/local/clusters").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("clusters " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    void installPolicy() throws IOException, InterruptedException {
        script(clusters.repoRoot().resolve("policies/configmap.sh").toString(), "--kubeconfig", clusters.kubeconfig("hub").toString(),
                "--namespace", ns, "--name", "mapbench-policy");
    }

    private static void script(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
    }

    // ---------------------------------------------------------------------------------- cleanup

    @Override
    public void close() throws Exception {
        try {
            if (operator != null && !operator.alive()) {
                startOperator(); // a case may end with the operator killed: it owns the finalizers
            }
            hub.resources(BenchmarkRun.class).inNamespace(ns).delete();
            for (Map.Entry<String, String> m : members.entrySet()) {
                String workloadNs = workloadNamespaces.get(m.getKey());
                Onboarding.offboard(hub, clusters.client(m.getValue()), m.getKey(), workloadNs);
                if (!workloadNs.equals(ns)) {
                    clusters.client(m.getValue()).namespaces().withName(workloadNs).delete(); // the test namespace goes with the class
                }
            }
            unonboarded.forEach(mc -> hub.resources(MemberCluster.class).withName(mc).delete());
            await("runs and MemberClusters deleted before the operator stops").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> hub.resources(BenchmarkRun.class).inNamespace(ns).list().getItems().isEmpty()
                            && Stream.concat(members.keySet().stream(), unonboarded.stream())
                                    .allMatch(mc -> hub.resources(MemberCluster.class).withName(mc).get() == null));
        } finally {
            informers.forEach(SharedIndexInformer::close);
            if (operator != null) {
                operator.close();
            }
        }
    }
}
