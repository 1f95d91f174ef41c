package io.mapbench.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.mapbench.operator.admission.WaitingRunsTrigger;
import io.mapbench.operator.api.v1alpha1.Assignment;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.JobPhase;
import io.mapbench.operator.api.v1alpha1.PolicyDecision;
import io.mapbench.operator.api.v1alpha1.PolicyViolation;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.metrics.MapbenchMetrics;
import io.mapbench.operator.policy.LoadedPolicyStores;
import io.mapbench.operator.status.RunObservations;
import io.mapbench.operator.status.RunObservations.JobObservation;
import io.mapbench.operator.status.RunStatusAggregator;
import io.mapbench.operator.testfixtures.RunFixtures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Side effects of a status write happen after it succeeded, once: a write answered with 409
 * Conflict records no Event, counts nothing and wakes no waiting run; the reconcile redone from the
 * stored run writes and emits them exactly once; a later reconcile that changes nothing writes and
 * emits nothing. {@link StatusCommit} writes through Fabric8's mock API server (the status PUT
 * {@link StatusWriter} makes) with the real {@link RunEvents}, {@link MapbenchMetrics} and
 * {@link WaitingRunsTrigger}: Events are read back from the server, counters from the registry.
 */
@EnableKubernetesMockClient(crud = true)
class StatusCommitTest {
    private static final String NS = "perf";
    private static final Instant T0 = Instant.parse("2026-12-07T02:00:00Z");
    private static final RunStatusAggregator AGGREGATOR = new RunStatusAggregator(Duration.ofMinutes(5));
    private static final String CONFLICT = "Operation cannot be fulfilled on benchmarkruns.mapbench.io \"nightly\":"
            + " the object has been modified; please apply your changes to the latest version and try again";

    KubernetesMockServer server;
    KubernetesClient client;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MapbenchMetrics metrics = new MapbenchMetrics(registry);
    /** Runs the trigger handed to the controller to be reconciled again. */
    private final List<ResourceID> woken = new ArrayList<>();
    private WaitingRunsTrigger waitingRuns;

    @BeforeEach
    void oneRunWaitsForRoom() {
        BenchmarkRun waiting = RunFixtures.run(NS, "younger", "uid-younger", T0.toString());
        waitingRuns = new WaitingRunsTrigger(() -> Stream.of(waiting), run -> false);
        waitingRuns.setEventHandler(event -> woken.add(event.getRelatedCustomResourceID()));
        waitingRuns.start();
    }

    @Test
    void finishedRunIsAnnouncedCountedAndFreesRoomOnlyOnceItsStatusIsWritten() {
        BenchmarkRun read = store(running());
        RunObservations succeeded = jobs(T0.plusSeconds(120), JobPhase.Succeeded);

        conflictOnNextStatusWrite();
        assertThatThrownBy(() -> reconcile(read, succeeded)).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(stored().getStatus().getPhase()).isEqualTo(RunPhase.Running);
        assertThat(events()).isEmpty();
        assertThat(finished(RunPhase.Succeeded)).isZero();
        assertThat(woken).isEmpty();

        // JOSDK retries the reconcile, which reads the run again.
        reconcile(stored(), succeeded);
        assertThat(stored().getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
        List<Event> announced = events();
        assertThat(announced).extracting(Event::getType, Event::getReason, Event::getMessage).containsExactlyInAnyOrder(
                tuple("Normal", "AllJobsSucceeded", "phase: Running -> Succeeded: 1/1 succeeded"),
                tuple("Normal", "AllJobsSucceeded", "job cloud-1/1.26.8: Running -> Succeeded"),
                tuple("Normal", "AllJobsSucceeded", "Completed: False -> True: 1/1 succeeded"),
                tuple("Normal", "AllJobsSucceeded", "Ready: False -> True: 1/1 succeeded"));
        assertThat(announced).allSatisfy(e -> assertThat(e.getInvolvedObject().getName()).isEqualTo("nightly"));
        assertThat(finished(RunPhase.Succeeded)).isEqualTo(1.0);
        assertThat(woken).containsExactly(new ResourceID("younger", NS));

        String resourceVersion = stored().getMetadata().getResourceVersion();
        reconcile(stored(), jobs(T0.plusSeconds(150), JobPhase.Succeeded));
        assertThat(stored().getMetadata().getResourceVersion()).as("nothing written").isEqualTo(resourceVersion);
        assertThat(events()).hasSize(4);
        assertThat(finished(RunPhase.Succeeded)).isEqualTo(1.0);
        assertThat(woken).hasSize(1);
    }

    @Test
    void denialIsAnnouncedCountedAndFreesRoomOnlyOnceItsStatusIsWritten() {
        BenchmarkRun read = store(RunFixtures.run(NS, "nightly", "uid-nightly", T0.toString()));
        RunObservations denied = denied(T0.plusSeconds(1));

        conflictOnNextStatusWrite();
        assertThatThrownBy(() -> reconcile(read, denied)).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(stored().getStatus()).isNull();
        assertThat(events()).isEmpty();
        assertThat(denials("size-cap")).isZero();
        assertThat(woken).isEmpty();

        reconcile(stored(), denied);
        assertThat(stored().getStatus().getPhase()).isEqualTo(RunPhase.Denied);
        assertThat(events()).extracting(Event::getType, Event::getReason, Event::getMessage).containsExactly(
                tuple("Warning", "PolicyDenied", "phase: Denied: size-cap: remove sizes above 1000000"));
        assertThat(denials("size-cap")).isEqualTo(1.0);
        assertThat(woken).containsExactly(new ResourceID("younger", NS));

        String resourceVersion = stored().getMetadata().getResourceVersion();
        reconcile(stored(), denied(T0.plusSeconds(30)));
        assertThat(stored().getMetadata().getResourceVersion()).as("nothing written").isEqualTo(resourceVersion);
        assertThat(events()).hasSize(1);
        assertThat(denials("size-cap")).isEqualTo(1.0);
        assertThat(woken).hasSize(1);
    }

    // ------------------------------------------------------------------------------------ helpers

    /**
     * One reconcile's status step as BenchmarkRunReconciler#write takes it (the runs here have no
     * baseline, so RunComparisonStep leaves the result alone). Closing RunEvents sends what it
     * queued, so every Event of this reconcile is on the server when it returns.
     */
    private BenchmarkRun reconcile(BenchmarkRun run, RunObservations observations) {
        BenchmarkRunStatus old = run.getStatus() == null ? new BenchmarkRunStatus() : run.getStatus();
        RunStatusAggregator.Result result = AGGREGATOR.aggregate(old, observations, false);
        try (RunEvents events = new RunEvents(client)) {
            // The policy store's gate is not consulted here: it only counts the denials written.
            RunSideEffects sideEffects = new RunSideEffects(events, metrics, LoadedPolicyStores.disabled(metrics),
                    waitingRuns);
            return new StatusCommit(this::updateStatus, sideEffects).commit(run, old, result, List.of(), List.of());
        }
    }

    /** The optimistic-locked status PUT StatusWriter makes, without the controller's cache. */
    private BenchmarkRun updateStatus(BenchmarkRun run, BenchmarkRunStatus status) {
        BenchmarkRun copy = new BenchmarkRun();
        copy.setMetadata(run.getMetadata());
        copy.setSpec(run.getSpec());
        copy.setStatus(status);
        return client.resource(copy).updateStatus();
    }

    /** The API server's answer when another writer changed the run after the reconcile read it. */
    private void conflictOnNextStatusWrite() {
        server.expect().put().withPath("/apis/mapbench.io/v1alpha1/namespaces/" + NS + "/benchmarkruns/nightly/status")
                .andReturn(409, new StatusBuilder().withStatus("Failure").withReason("Conflict").withCode(409)
                        .withMessage(CONFLICT).build())
                .once();
    }

    private BenchmarkRun store(BenchmarkRun run) {
        BenchmarkRun created = client.resource(run).create();
        if (run.getStatus() == null) {
            return created;
        }
        created.setStatus(run.getStatus());
        return client.resource(created).updateStatus();
    }

    private BenchmarkRun stored() {
        return client.resources(BenchmarkRun.class).inNamespace(NS).withName("nightly").get();
    }

    private List<Event> events() {
        return client.v1().events().inNamespace(NS).list().getItems();
    }

    private double finished(RunPhase result) {
        return registry.get(MapbenchMetrics.RUNS_FINISHED).tag("result", result.name()).counter().count();
    }

    private double denials(String rule) {
        Counter counter = registry.find(MapbenchMetrics.POLICY_DENIALS).tag("rule", rule).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A run admitted to cloud-1 with Go 1.26.8 whose one job is running, as the reconciler stored it. */
    private static BenchmarkRun running() {
        BenchmarkRun run = RunFixtures.run(NS, "nightly", "uid-nightly", T0.toString());
        Assignment assignment = new Assignment();
        assignment.setClusters(List.of("cloud-1"));
        assignment.setGoVersions(List.of("1.26.8"));
        assignment.setAdmittedAt(T0.toString());
        RunObservations admitted = new RunObservations(1, T0, null, null, null, assignment,
                List.of(job(JobPhase.Running)), null);
        run.setStatus(AGGREGATOR.aggregate(null, admitted).status());
        return run;
    }

    private static RunObservations jobs(Instant now, JobPhase phase) {
        return new RunObservations(1, now, null, null, null, null, List.of(job(phase)), null);
    }

    private static JobObservation job(JobPhase phase) {
        return new JobObservation("cloud-1", "1.26.8", phase, "nightly-cloud-1", "uid-job", "node-1", "amd64", "amd64", 1,
                T0.toString(), phase.isFinished() ? T0.plusSeconds(60).toString() : null, null, null, null);
    }

    private static RunObservations denied(Instant now) {
        RunObservations.Admission denial = new RunObservations.Admission(PolicyDecision.Denied,
                List.of(new PolicyViolation("size-cap", "spec.sizes", "remove sizes above 1000000")), "rev-1", null);
        return new RunObservations(1, now, null, denial, null, null, null, null);
    }
}
