package io.mapbench.operator.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mapbench.operator.api.v1alpha1.Assignment;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.config.MapbenchConfig;
import io.mapbench.operator.config.MapbenchConfigTest;
import io.mapbench.operator.dependent.DispatchSettings;
import io.mapbench.operator.dependent.RemoteLabels;
import io.mapbench.operator.dependent.RemoteNames;
import io.mapbench.operator.dependent.RunRef;
import io.mapbench.operator.remote.RemoteClusterGateway;
import io.mapbench.operator.results.ResultReader;
import io.mapbench.operator.results.ResultSchema;
import io.mapbench.operator.status.RunObservations;
import io.mapbench.operator.status.RunStatusAggregator;
import io.mapbench.operator.testfixtures.RunFixtures;
import io.mapbench.testsupport.CommittedCrds;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;

/**
 * The middle tier of issue 11: the execution wiring in-process (no operator process, no SDK) —
 * the real {@link RemoteClusterGateway} with its informers, the {@link RunExecutor} and the result
 * collector — against the real API servers of the local clusters. What it shows: dispatch writes a
 * budget and the Job (nothing else) under deterministic names with the run's UID labels,
 * and doing it again creates nothing new; a completed Job's log becomes exactly one
 * BenchmarkResult however often it is collected; a member whose API server is stopped is one
 * cluster's note while the other cluster's Job is still dispatched.
 */
@LocalClustersTest
class RunExecutorIT {
    private static final String CLOUD = "cloud-1";
    private static final String EDGE = "edge-k3s-1";
    private static final String HUB_ID = "hub-run-executor-it";

    static TestClusters clusters;
    static MapbenchConfig config;
    static RemoteClusterGateway gateway;
    static ExecutorService pool;
    static RunExecutor executor;
    static RunStatusAggregator aggregator;

    @BeforeAll
    static void connect(TestClusters c) throws Exception {
        clusters = c;
        CommittedCrds.apply(c.hub(), c.repoRoot());
        config = MapbenchConfigTest.config(Map.of("mapbench.operator-namespace", c.namespace(),
                "mapbench.member.request-timeout", "3s", "mapbench.member.connect-timeout", "2s"));
        gateway = new RemoteClusterGateway(config);
        for (String member : List.of(CLOUD, EDGE)) {
            Config memberConfig = Config.fromKubeconfig(Files.readString(c.kubeconfig(member)));
            gateway.connectInCluster(member, memberConfig, c.namespace(), HUB_ID);
            assertThat(gateway.awaitSynced(member, Duration.ofSeconds(60))).as("%s caches synced", member).isTrue();
        }
        pool = Executors.newFixedThreadPool(2);
        executor = new RunExecutor(gateway, c.hub(), new ResultReader(ResultSchema.bundled(),
                config.resultSizeLimit().asLongValue()), config.resultSizeLimit().asLongValue(),
                new RunExecutor.Settings(Duration.ofSeconds(60), 5, Duration.ofMinutes(2), Duration.ofSeconds(5)), pool);
        aggregator = new RunStatusAggregator(Duration.ofMinutes(2));
    }

    @AfterAll
    static void disconnect() {
        if (gateway != null) {
            List.of(CLOUD, EDGE).forEach(gateway::disconnect);
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static DispatchSettings dispatch() {
        return new DispatchSettings(HUB_ID, "mapbench.local", new Quantity("500m"), new Quantity("256Mi"));
    }

    /** A run stored on the hub (results are owned by it) and admitted to {@code clusters} with Go 1.26.8. */
    private static BenchmarkRun admitted(String name, String... members) {
        BenchmarkRun run = RunFixtures.withResources(RunFixtures.run(clusters.namespace(), name, null, null), "500m", "256Mi");
        run.getMetadata().setUid(null);
        run.getMetadata().setCreationTimestamp(null);
        run.getSpec().setRepetitions(1);
        run.getSpec().setBenchtime("100ms");
        run.getSpec().setScenarios(List.of("range-alloc"));
        run.getSpec().setSuite(null);
        BenchmarkRun stored = clusters.hub().resource(run).create();
        Assignment a = new Assignment();
        a.setClusters(List.of(members));
        a.setGoVersions(List.of("1.26.8"));
        a.setAdmittedAt(Instant.now().toString());
        List<RunObservations.JobObservation> pending = new ArrayList<>();
        for (String m : members) {
            pending.add(new RunObservations.JobObservation(m, "1.26.8", JobPhase.Pending, null, null, null, null, null,
                    null, null, null, null, null, null));
        }
        stored.setStatus(aggregator.aggregate(new BenchmarkRunStatus(), new RunObservations(1, Instant.now(), null, null,
                null, a, pending, null)).status());
        return stored;
    }

    private static Map<String, MemberCluster> readyMembers() {
        MemberCluster cloud = RunFixtures.cluster(CLOUD, true, 5, Map.of("mapbench.io/tier", "cloud"));
        cloud.getSpec().setNamespace(clusters.namespace());
        MemberCluster edge = RunFixtures.edge(EDGE);
        edge.getSpec().setNamespace(clusters.namespace());
        return Map.of(CLOUD, cloud, EDGE, edge);
    }

    /** One reconcile's worth: execute, then fold the outcome into the status as the reconciler writes it. */
    private static RunExecutor.Outcome step(BenchmarkRun run) {
        RunExecutor.Outcome outcome = executor.execute(run, readyMembers(), dispatch(), Instant.now());
        run.setStatus(aggregator.aggregate(run.getStatus(), new RunObservations(1, Instant.now(), null, null, null, null,
                outcome.observations(), null)).status());
        return outcome;
    }

    private static List<Job> remoteJobs(String member, String runUid) {
        return clusters.client(member).batch().v1().jobs().inNamespace(clusters.namespace())
                .withLabel(RemoteLabels.RUN_UID, runUid).list().getItems();
    }

    @Test
    void dispatchWritesBudgetJobAndRecordUnderDeterministicNamesOnceAndOneResultComesBack() {
        BenchmarkRun run = admitted("wiring", CLOUD);
        String uid = run.getMetadata().getUid();
        RunRef ref = RunRef.of(HUB_ID, run);
        KubernetesClient cloud = clusters.client(CLOUD);
        String ns = clusters.namespace();

        RunExecutor.Outcome first = step(run);
        assertThat(first.events()).extracting(RunExecutor.Note::reason).containsExactly("Dispatched");
        String jobName = RemoteNames.jobName(ref, CLOUD, "1.26.8");
        Job job = cloud.batch().v1().jobs().inNamespace(ns).withName(jobName).get();
        PodDisruptionBudget pdb = cloud.policy().v1().podDisruptionBudget().inNamespace(ns)
                .withName(RemoteNames.disruptionBudgetName(ref, CLOUD)).get();
        assertThat(job).as("Job %s", jobName).isNotNull();
        assertThat(pdb).isNotNull();
        assertThat(cloud.configMaps().inNamespace(ns).withLabel(RemoteLabels.RUN_UID, uid).list().getItems())
                .as("no record ConfigMap: the run's spec is an annotation of the Job").isEmpty();
        for (var o : List.of(job, pdb)) {
            assertThat(o.getMetadata().getLabels()).containsEntry(RemoteLabels.RUN_UID, uid).containsEntry(RemoteLabels.HUB, HUB_ID);
        }

        // The cache shows the Job or not yet: either way a second pass creates no second Job.
        step(run);
        step(run);
        assertThat(remoteJobs(CLOUD, uid)).extracting(j -> j.getMetadata().getUid()).containsExactly(job.getMetadata().getUid());

        // The node agent runs the pod; each pass observes, the one after completion collects.
        await("run wiring collected").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    step(run);
                    return run.getStatus().getPhase().isFinished();
                });
        assertThat(run.getStatus().getPhase()).as(run.getStatus().getJobs().toString()).isEqualTo(RunPhase.Succeeded);
        String resultName = run.getStatus().getJobs().get(0).getResultName();
        assertThat(resultName).isEqualTo(RemoteNames.resultName(ref, CLOUD, "1.26.8"));

        // Collecting the same completed Job again (a lost status write) keeps the first result.
        BenchmarkRun replay = clusters.hub().resources(BenchmarkRun.class).inNamespace(ns).withName("wiring").get();
        replay.setStatus(beforeResultRecorded(run));
        executor.execute(replay, readyMembers(), dispatch(), Instant.now());
        List<BenchmarkResult> results = clusters.hub().resources(BenchmarkResult.class).inNamespace(ns).list().getItems()
                .stream().filter(r -> uid.equals(r.getSpec().getRunUid())).toList();
        assertThat(results).extracting(r -> r.getMetadata().getName()).containsExactly(resultName);
        gateway.deleteRunObjects(CLOUD, uid);
    }

    /**
     * The dispatch records each Job's UID from the API server's answer, in its own status write: the
     * Job and its (not yet scheduled) pod arriving in the cache afterwards change nothing, so a Job
     * costs the hub no second status write. One Dispatched Event names every cluster.
     */
    @Test
    void theDispatchRecordsTheJobUidsSoTheirArrivalInTheCacheIsNoStatusChange() {
        BenchmarkRun run = admitted("uid-at-dispatch", CLOUD, EDGE);
        String uid = run.getMetadata().getUid();
        Map<String, MemberCluster> members = new java.util.HashMap<>(readyMembers());
        // No node matches: the pods stay unscheduled, so nothing but the Jobs' arrival could change.
        members.values().forEach(m -> m.getSpec().setNodeSelector(Map.of("mapbench.io/no-such-node", "true")));
        try {
            RunExecutor.Outcome first = executor.execute(run, members, dispatch(), Instant.now());
            assertThat(first.events()).singleElement().satisfies(e -> {
                assertThat(e.reason()).isEqualTo("Dispatched");
                assertThat(e.message()).startsWith("Jobs for Go 1.26.8 applied in " + CLOUD + ", " + EDGE + " ");
            });
            for (String m : List.of(CLOUD, EDGE)) {
                String remoteUid = remoteJobs(m, uid).get(0).getMetadata().getUid();
                assertThat(first.observations()).filteredOn(o -> o.cluster().equals(m)).singleElement()
                        .satisfies(o -> assertThat(o.jobUid()).as("%s Job UID recorded by the dispatch", m).isEqualTo(remoteUid));
            }
            run.setStatus(aggregator.aggregate(run.getStatus(), new RunObservations(1, Instant.now(), null, null, null, null,
                    first.observations(), null)).status());

            await("Jobs and their pods in both caches").atMost(Duration.ofSeconds(60)).until(() -> List.of(CLOUD, EDGE)
                    .stream().allMatch(m -> !gateway.cachedJobs(m, uid).isEmpty() && !gateway.cachedPods(m, uid).isEmpty()));
            RunExecutor.Outcome second = executor.execute(run, members, dispatch(), Instant.now());
            RunStatusAggregator.Result after = aggregator.aggregate(run.getStatus(), new RunObservations(1, Instant.now(),
                    null, null, null, null, second.observations(), null));
            assertThat(after.changed()).as("status after the Jobs arrived: %s", after.status().getJobs()).isFalse();
            assertThat(second.events()).isEmpty();
        } finally {
            List.of(CLOUD, EDGE).forEach(m -> gateway.deleteRunObjects(m, uid));
        }
    }

    /** The run's status before its result was recorded: the job Running with its Job's name and UID. */
    private static BenchmarkRunStatus beforeResultRecorded(BenchmarkRun done) {
        BenchmarkRunStatus s = new BenchmarkRunStatus();
        s.setAssignment(done.getStatus().getAssignment());
        s.setPhase(RunPhase.Running);
        var j = done.getStatus().getJobs().get(0);
        var running = new io.mapbench.operator.api.v1alpha1.JobStatus();
        running.setCluster(j.getCluster());
        running.setGoVersion(j.getGoVersion());
        running.setPhase(JobPhase.Running);
        running.setJobName(j.getJobName());
        running.setJobUid(j.getJobUid());
        s.setJobs(new ArrayList<>(List.of(running)));
        return s;
    }

    @Test
    void aMemberWhoseApiServerIsStoppedIsOneClustersNoteAndTheOtherIsStillDispatched() throws Exception {
        BenchmarkRun run = admitted("isolation", EDGE, CLOUD);
        String uid = run.getMetadata().getUid();
        clustersTool("stop", EDGE, "apiserver");
        try {
            RunExecutor.Outcome outcome = step(run);
            assertThat(remoteJobs(CLOUD, uid)).as("cloud-1 dispatched although edge-k3s-1 failed").hasSize(1);
            RunObservations.JobObservation edgeNote = outcome.observations().stream()
                    .filter(o -> EDGE.equals(o.cluster())).findFirst().orElseThrow();
            assertThat(edgeNote.phase()).as("a failed call changes no phase").isNull();
            assertThat(edgeNote.message()).startsWith("member cluster " + EDGE + ": ");
            assertThat(outcome.recheckAfter()).as("the failed member is tried again").contains(Duration.ofSeconds(5));
            assertThat(outcome.events()).extracting(RunExecutor.Note::message).anyMatch(m -> m.contains(CLOUD))
                    .noneMatch(m -> m.contains(EDGE));
        } finally {
            clustersTool("start", EDGE, "apiserver");
        }
        await("edge caches back").atMost(Duration.ofMinutes(2)).until(() -> gateway.isSynced(EDGE));
        step(run);
        await("edge-k3s-1 dispatched once it is back").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> {
                    step(run);
                    return remoteJobs(EDGE, uid).size() == 1;
                });
        gateway.deleteRunObjects(CLOUD, uid);
        gateway.deleteRunObjects(EDGE, uid);
    }

    private static void clustersTool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(clusters.repoRoot().resolve("deploy/local/clusters").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("clusters " + String.join(" ", args) + " failed:\n" + out);
        }
    }
}
