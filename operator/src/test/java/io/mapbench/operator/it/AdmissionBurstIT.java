package io.mapbench.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.ComputeResources;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.PlacementSpec;
import io.mapbench.operator.api.v1alpha1.ResourcesSpec;
import io.mapbench.operator.api.v1alpha1.Suite;
import io.mapbench.testsupport.CommittedCrds;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;

/**
 * A burst of runs created at once (the dispatch benchmark's shape, smaller) costs the hub what one
 * run costs: per run, exactly two status writes (the admission, then the dispatch with the Jobs'
 * UIDs) and two Events, whatever order the operator's reconciles take them in. The member's nodes
 * match none of its nodeSelector, so the Jobs' pods stay unscheduled and nothing else changes.
 */
@LocalClustersTest
class AdmissionBurstIT {
    private static final String CLOUD = "cloud-1";
    private static final int RUNS = 24;

    @Test
    void everyRunOfABurstIsWrittenTwiceWhateverOrderItsReconcilesTake(TestClusters c) throws Exception {
        String ns = c.namespace();
        KubernetesClient hub = c.hub();
        CommittedCrds.apply(hub, c.repoRoot());
        Path kubectl = Onboarding.kubectl(c.repoRoot());
        String label = "mapbench.io/it=" + ns;
        String member = ns + "-burst";
        Onboarding.onboard(c.repoRoot(), kubectl, member, "cloud", c.kubeconfig(CLOUD), c.kubeconfig("hub"), ns, ns, label,
                null, 100);
        hub.resources(MemberCluster.class).withName(member)
                .edit(mc -> {
                    mc.getSpec().setNodeSelector(Map.of("mapbench.io/no-such-node", "true"));
                    return mc;
                });
        Map<String, List<Written>> statusesByRun = new ConcurrentHashMap<>();
        try (OperatorProcess operator = new OperatorProcess(c.repoRoot(), c.kubeconfig("hub"), ns, label,
                Map.of("mapbench.policy.enabled", "false"));
                Watch watch = hub.resources(BenchmarkRun.class).inNamespace(ns).watch(new StatusRecorder(statusesByRun))) {
            try {
                operator.start();
                await("member Ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(operator.alive()).as("operator process (log %s)", operator.log()).isTrue();
                    MemberCluster mc = hub.resources(MemberCluster.class).withName(member).get();
                    assertThat(mc.getStatus() == null ? List.<Condition>of()
                            : mc.getStatus().getConditions()).anyMatch(cond -> ConditionTypes.READY.equals(cond.getType())
                                    && cond.getStatus() == ConditionStatus.True);
                });

                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<?>> creates = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    BenchmarkRun run = run(ns, "burst-" + i, member);
                    creates.add(pool.submit(() -> hub.resource(run).create()));
                }
                for (Future<?> f : creates) {
                    f.get();
                }
                pool.shutdown();

                await("every run's Jobs recorded").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(hub.resources(BenchmarkRun.class).inNamespace(ns).list().getItems())
                                .hasSize(RUNS).allSatisfy(r -> assertThat(r.getStatus() == null ? null : r.getStatus().getJobs())
                                        .as(r.getMetadata().getName()).isNotNull().singleElement()
                                        .satisfies(j -> assertThat(j.getJobUid()).as(r.getMetadata().getName()).isNotBlank())));
                Thread.sleep(3000); // anything the burst still causes (late observations, queued Events) lands

                assertThat(statusesByRun).hasSize(RUNS);
                statusesByRun.forEach((run, statuses) -> assertThat(statuses)
                        .as("%s: statuses written (admission, then dispatch); a run behind older admissible ones"
                                + " must not be written for that wait", run)
                        .extracting(Written::summary)
                        .containsExactly("Scheduled Assigned, 1 job without UID", "Scheduled Assigned, 1 job with UID"));
                for (int i = 0; i < RUNS; i++) {
                    String name = "burst-" + i;
                    List<Event> events = hub.v1().events().inNamespace(ns).withField("involvedObject.name", name).list().getItems();
                    assertThat(events).as("%s: Events (its phase, then Dispatched)", name)
                            .extracting(Event::getReason).containsExactlyInAnyOrder("JobsPending", "Dispatched");
                }
            } finally {
                // While the operator runs: it owns the runs' and the MemberCluster's finalizers.
                hub.resources(BenchmarkRun.class).inNamespace(ns).delete();
                await("runs deleted").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> hub.resources(BenchmarkRun.class).inNamespace(ns).list().getItems().isEmpty());
                Onboarding.offboard(hub, c.client(CLOUD), member, ns);
                await("member offboarded").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> hub.resources(MemberCluster.class).withName(member).get() == null);
            }
        }
    }

    private static BenchmarkRun run(String ns, String name, String member) {
        BenchmarkRun run = new BenchmarkRun();
        run.getMetadata().setName(name);
        run.getMetadata().setNamespace(ns);
        BenchmarkRunSpec spec = new BenchmarkRunSpec();
        spec.setSuite(Suite.SMOKE);
        spec.setGoVersions(List.of("1.26"));
        spec.setRepetitions(1);
        PlacementSpec placement = new PlacementSpec();
        placement.setClusters(List.of(member));
        spec.setPlacement(placement);
        ComputeResources compute = new ComputeResources();
        compute.setCpu(new Quantity("1"));
        compute.setMemory(new Quantity("512Mi"));
        ResourcesSpec resources = new ResourcesSpec();
        resources.setRequests(compute);
        resources.setLimits(compute);
        spec.setResources(resources);
        run.setSpec(spec);
        return run;
    }

    /** One distinct status of a run: all of it (to tell writes apart) and what a reader checks. */
    private record Written(String json, String summary) {
        static Written of(BenchmarkRunStatus status) {
            Condition scheduled = status.getConditions().stream().filter(c -> ConditionTypes.SCHEDULED.equals(c.getType()))
                    .findFirst().orElse(null);
            long withUid = status.getJobs().stream().filter(j -> j.getJobUid() != null).count();
            return new Written(Serialization.asJson(status), status.getPhase() + " "
                    + (scheduled == null ? "-" : scheduled.getReason() + (scheduled.getStatus() == ConditionStatus.True ? ""
                            : " (" + scheduled.getMessage() + ")"))
                    + ", " + status.getJobs().size() + " job" + (status.getJobs().size() == 1 ? "" : "s")
                    + (withUid == 0 ? " without UID" : withUid == status.getJobs().size() ? " with UID" : ", " + withUid + " with UID"));
        }
    }

    /** Each distinct status a run had, in order (a status write that changed nothing is no new entry). */
    private record StatusRecorder(Map<String, List<Written>> statusesByRun) implements Watcher<BenchmarkRun> {
        @Override
        public void eventReceived(Action action, BenchmarkRun run) {
            BenchmarkRunStatus status = run.getStatus();
            if (status == null) {
                return;
            }
            Written written = Written.of(status);
            List<Written> seen = statusesByRun.computeIfAbsent(run.getMetadata().getName(), k -> new CopyOnWriteArrayList<>());
            if (seen.isEmpty() || !seen.get(seen.size() - 1).json().equals(written.json())) {
                seen.add(written);
            }
        }

        @Override
        public void onClose(WatcherException cause) {
        }
    }
}
