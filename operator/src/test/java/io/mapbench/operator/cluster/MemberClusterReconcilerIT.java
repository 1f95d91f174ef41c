package io.mapbench.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.MemberClusterSpec;
import io.mapbench.operator.api.v1alpha1.SecretKeyRef;
import io.mapbench.operator.config.MapbenchConfig;
import io.mapbench.operator.config.MapbenchConfigTest;
import io.mapbench.operator.dependent.RemoteLabels;
import io.mapbench.operator.dependent.RunRef;
import io.mapbench.operator.metrics.MapbenchMetrics;
import io.mapbench.operator.remote.HubIdentity;
import io.mapbench.operator.remote.RemoteClusterGateway;
import io.mapbench.testsupport.LocalClustersTest;
import io.mapbench.testsupport.TestClusters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The MemberCluster reconciler in-process against the real hub and cloud-1 API servers (no
 * operator process, no SDK): a stepped clock shows which probes write status, and a hub client
 * impersonating a user without any RBAC makes every hub request fail with a real 403, which
 * must not be taken for a member failure (issue 11 defects 7 and 9).
 */
@LocalClustersTest
class MemberClusterReconcilerIT {
    static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");

    static TestClusters clusters;
    static MapbenchConfig config;
    MutableClock clock;
    RemoteClusterGateway gateway;
    MemberClusterReconciler reconciler;
    MemberCluster mc;
    LiveRuns liveRuns;

    @BeforeAll
    static void secret(TestClusters c) throws Exception {
        clusters = c;
        // Link health is not under test here: a first probe of a cold JVM (TLS handshake, classes
        // loading) can take 700 ms on a busy machine, and a Degraded=SlowLink verdict would be a status change.
        config = MapbenchConfigTest.config(Map.of("mapbench.operator-namespace", c.namespace(),
                "mapbench.member.slow-probe", "30s"));
        // cloud-1's own kubeconfig: embedded client certificate, accepted like an onboarding token
        String kubeconfig = Files.readString(c.kubeconfig("cloud-1"));
        c.hub().resource(new SecretBuilder().withNewMetadata().withName("member-kubeconfig").withNamespace(c.namespace())
                .endMetadata().addToData("kubeconfig", Base64.getEncoder().encodeToString(
                        kubeconfig.getBytes(StandardCharsets.UTF_8))).build()).create();
    }

    @BeforeEach
    void reconciler() {
        clock = new MutableClock(T0);
        gateway = new RemoteClusterGateway(config);
        liveRuns = new LiveRuns();
        reconciler = new MemberClusterReconciler(gateway, new HubIdentity(clusters.hub(), config), config,
                new MapbenchMetrics(new SimpleMeterRegistry()), liveRuns, clock);
        mc = new MemberCluster();
        mc.getMetadata().setName(clusters.namespace() + "-m");
        mc.getMetadata().setGeneration(1L);
        MemberClusterSpec spec = new MemberClusterSpec();
        SecretKeyRef ref = new SecretKeyRef();
        ref.setName("member-kubeconfig");
        spec.setKubeconfigSecretRef(ref);
        spec.setNamespace(clusters.namespace());
        mc.setSpec(spec);
    }

    @AfterEach
    void disconnect() {
        gateway.disconnect(mc.getMetadata().getName());
    }

    @Test
    void probesOfAnUnchangedMemberWriteStatusOnlyWhenTheRefreshIsDue() throws Exception {
        UpdateControl<MemberCluster> first = reconciler.reconcile(mc, clusters.hub());
        assertThat(first.isPatchStatus()).isTrue();
        assertThat(ready(first.getResource().orElseThrow()).getStatus()).isEqualTo(ConditionStatus.True);
        mc = first.getResource().orElseThrow();
        for (int probe = 1; probe <= 2; probe++) {
            clock.now = T0.plus(config.member().probePeriod().multipliedBy(probe));
            UpdateControl<MemberCluster> again = reconciler.reconcile(mc, clusters.hub());
            assertThat(again.isNoUpdate()).as("probe %d of an unchanged member", probe).isTrue();
            assertThat(again.getScheduleDelay()).contains(config.member().probePeriod().toMillis());
        }
        clock.now = T0.plus(config.member().statusRefresh());
        UpdateControl<MemberCluster> refresh = reconciler.reconcile(mc, clusters.hub());
        assertThat(refresh.isPatchStatus()).isTrue();
        assertThat(refresh.getResource().orElseThrow().getStatus().getLastProbeTime())
                .isEqualTo(clock.now.toString());
    }

    @Test
    void hubFailuresLeaveAReadyMemberReady() throws Exception {
        mc = reconciler.reconcile(mc, clusters.hub()).getResource().orElseThrow();
        assertThat(ready(mc).getStatus()).isEqualTo(ConditionStatus.True);
        try (KubernetesClient noRights = hubAs("mapbench-it-no-rbac")) {
            // Secret GET and garbage-collection lookups now fail on the hub with 403
            clock.now = T0.plusSeconds(30);
            UpdateControl<MemberCluster> control = reconciler.reconcile(mc, noRights);
            assertThat(control.isNoUpdate()).as("status untouched by a hub failure").isTrue();
            assertThat(ready(mc).getStatus()).isEqualTo(ConditionStatus.True);
        }
    }

    @Test
    void hubFailureBeforeAnyConnectionWritesNothing() throws Exception {
        try (KubernetesClient noRights = hubAs("mapbench-it-no-rbac")) {
            UpdateControl<MemberCluster> control = reconciler.reconcile(mc, noRights);
            assertThat(control.isNoUpdate()).isTrue();
            assertThat(mc.getStatus()).isNull();
            assertThat(control.getScheduleDelay()).isPresent();
        }
    }

    @Test
    void garbageCollectionAsksTheHubOnlyAboutRunsItsCacheDoesNotShow() throws Exception {
        // Neither run exists on the hub. The hub cache shows the first one (as it does a run created
        // a moment ago): its Job is left alone without a hub request. The second is unknown to the
        // cache, so the hub is asked, answers 404, and its Job is deleted.
        String hubId = new HubIdentity(clusters.hub(), config).id();
        String ns = clusters.namespace();
        RunRef cached = new RunRef(hubId, ns, "gc-cached", "0000-cached");
        RunRef gone = new RunRef(hubId, ns, "gc-gone", "0000-gone");
        KubernetesClient member = clusters.client("cloud-1");
        for (RunRef run : List.of(cached, gone)) {
            member.resource(suspendedJob(run, mc.getMetadata().getName())).create();
        }
        liveRuns.readFrom(id -> id.getName().equals(cached.name()) && ns.equals(id.getNamespace().orElse(null))
                ? Optional.of(runWithUid(cached)) : Optional.empty());

        mc = reconciler.reconcile(mc, clusters.hub()).getResource().orElseThrow();

        assertThat(ready(mc).getStatus()).isEqualTo(ConditionStatus.True);
        Awaitility.await("the unknown run's Job deleted").atMost(Duration.ofSeconds(30)).until(() -> member.batch().v1().jobs()
                .inNamespace(ns).withLabel(RemoteLabels.RUN_UID, gone.uid()).list().getItems().isEmpty());
        assertThat(member.batch().v1().jobs().inNamespace(ns).withLabel(RemoteLabels.RUN_UID, cached.uid()).list().getItems())
                .as("the Job of the run the hub cache shows").hasSize(1);
        member.batch().v1().jobs().inNamespace(ns).withLabel(RemoteLabels.RUN_UID, cached.uid()).delete();
    }

    private static Job suspendedJob(RunRef run, String cluster) {
        return new JobBuilder()
                .withNewMetadata().withName("mb-" + run.name()).withNamespace(run.namespace())
                    .withLabels(RemoteLabels.of(run, RemoteLabels.COMPONENT_BENCHMARK, cluster, "1.26.8")).endMetadata()
                .withNewSpec().withSuspend(true).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                    .addNewContainer().withName("c").withImage("mapbench.local/shell").endContainer()
                .endSpec().endTemplate().endSpec()
                .build();
    }

    private static BenchmarkRun runWithUid(RunRef ref) {
        BenchmarkRun run = new BenchmarkRun();
        run.getMetadata().setName(ref.name());
        run.getMetadata().setNamespace(ref.namespace());
        run.getMetadata().setUid(ref.uid());
        return run;
    }

    private static KubernetesClient hubAs(String user) throws Exception {
        Config admin = Config.fromKubeconfig(Files.readString(clusters.kubeconfig("hub")));
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(admin).withImpersonateUsername(user).build())
                .build();
    }

    private static Condition ready(MemberCluster m) {
        return m.getStatus().getConditions().stream().filter(c -> ConditionTypes.READY.equals(c.getType()))
                .findFirst().orElseThrow();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
