package io.mapbench.operator.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import io.mapbench.operator.api.v1alpha1.MemberClusterSpec;
import io.mapbench.operator.api.v1alpha1.MemberClusterStatus;
import io.mapbench.operator.config.MapbenchConfig;
import io.mapbench.operator.dependent.RunRef;
import io.mapbench.operator.metrics.MapbenchMetrics;
import io.mapbench.operator.remote.ClusterProbe;
import io.mapbench.operator.remote.HubIdentity;
import io.mapbench.operator.remote.InformerHealth;
import io.mapbench.operator.remote.InvalidKubeconfigException;
import io.mapbench.operator.remote.MemberKubeconfig;
import io.mapbench.operator.remote.MemberPermission;
import io.mapbench.operator.remote.RemoteClusterGateway;

/**
 * Connects the hub to a member cluster and keeps checking it: builds the member's client from its
 * kubeconfig Secret (rejecting exec plugins, auth providers, file references and
 * insecure-skip-tls-verify), probes version, distribution, nodes, architectures and taints,
 * reviews the member's RBAC for every permission the operator needs, waits for the member's
 * Job/Pod caches, and sets Ready with a reason naming what is wrong. Ready=True means runs can be
 * placed there. Status is written only when the probe found something new (or, at most every
 * mapbench.member.status-refresh, to refresh lastProbeTime). The Secret is re-read on every
 * probe, so a rotated credential rebuilds the client within one probe period.
 * <p>
 * Failures of the hub itself (reading the Secret, looking up runs for garbage collection) say
 * nothing about the member: they leave its status alone and are retried.
 */
@ControllerConfiguration(name = MemberClusterReconciler.NAME)
public class MemberClusterReconciler implements Reconciler<MemberCluster>, Cleaner<MemberCluster> {
    public static final String NAME = "membercluster";
    private static final Logger LOG = Logger.getLogger(MemberClusterReconciler.class);

    private final RemoteClusterGateway gateway;
    private final HubIdentity hubIdentity;
    private final MapbenchConfig config;
    private final MapbenchMetrics metrics;
    private final LiveRuns liveRuns;
    private final Clock clock;
    /** Probes failed in a row per member; kept here because status is not written on every probe. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** Hub requests failed in a row per member: they back off on their own and never touch status. */
    private final Map<String, Integer> hubFailures = new ConcurrentHashMap<>();
    /** Recent probes per member, for Degraded and for tolerating short blackouts before Ready=False. */
    private final Map<String, LinkHealth> links = new ConcurrentHashMap<>();

    @Inject
    public MemberClusterReconciler(RemoteClusterGateway gateway, HubIdentity hubIdentity, MapbenchConfig config,
            MapbenchMetrics metrics, LiveRuns liveRuns) {
        this(gateway, hubIdentity, config, metrics, liveRuns, Clock.systemUTC());
    }

    MemberClusterReconciler(RemoteClusterGateway gateway, HubIdentity hubIdentity, MapbenchConfig config,
            MapbenchMetrics metrics, LiveRuns liveRuns, Clock clock) {
        this.gateway = gateway;
        this.hubIdentity = hubIdentity;
        this.config = config;
        this.metrics = metrics;
        this.liveRuns = liveRuns;
        this.clock = clock;
    }

    @Override
    public UpdateControl<MemberCluster> reconcile(MemberCluster mc, Context<MemberCluster> context)
            throws InterruptedException {
        return reconcile(mc, context.getClient());
    }

    /** One probe of the member with the hub client given (the SDK's, or a test's). */
    UpdateControl<MemberCluster> reconcile(MemberCluster mc, KubernetesClient hub) throws InterruptedException {
        String name = mc.getMetadata().getName();
        MemberClusterStatus written = mc.getStatus();
        MemberClusterStatus status = written == null ? new MemberClusterStatus() : copy(written);
        Instant now = clock.instant();
        Long generation = mc.getMetadata().getGeneration();
        status.setObservedGeneration(generation);
        int failed = failures.computeIfAbsent(name, k -> written == null || written.getConsecutiveFailures() == null
                ? 0 : written.getConsecutiveFailures());
        LinkHealth link = links.computeIfAbsent(name, k -> new LinkHealth(linkSettings(), writtenVerdict(written), now));

        Duration next;
        Optional<ReadyProblem> problem;
        try {
            problem = check(mc, hub, status, link);
        } catch (HubException e) {
            // The hub could not be read: nothing is known about the member, so its status stays.
            int hubFailed = hubFailures.merge(name, 1, Integer::sum);
            LOG.warnf("member %s: hub request failed (%d in a row), member status left unchanged: %s", name, hubFailed,
                    e.getMessage());
            return UpdateControl.<MemberCluster>noUpdate().rescheduleAfter(backoff(hubFailed).toMillis());
        }
        hubFailures.remove(name);
        boolean unreachable = problem.isPresent() && ConditionReasons.UNREACHABLE.equals(problem.get().reason());
        if (unreachable && link.toleratesFailure() && isReady(written)) {
            // A blip (e.g. a blackout on an edge link): the member stays usable and Ready; Degraded says it.
            failed++;
            next = backoff(failed);
            LOG.infof("member %s: probe failed (%d in a row, Ready until %d): %s", name, failed,
                    config.member().unreachableAfter(), problem.get().message());
        } else if (problem.isEmpty()) {
            failed = 0;
            next = config.member().probePeriod();
            Conditions.set(status.getConditions(), ConditionTypes.READY, ConditionStatus.True,
                    ConditionReasons.PROBE_SUCCEEDED, "API server " + status.getKubernetesVersion() + " reachable; "
                            + status.getNodes().size() + " node(s), architectures " + status.getArchitectures()
                            + "; permissions granted; Job/Pod caches synced",
                    generation, now);
        } else {
            failed++;
            next = backoff(failed);
            // Unreachable since the first failed probe of the run (its jobs' Lost deadline counts from it).
            Instant since = unreachable && link.failingSince() != null ? link.failingSince() : now;
            Conditions.set(status.getConditions(), ConditionTypes.READY, ConditionStatus.False,
                    problem.get().reason(), problem.get().message(), generation, since);
            LOG.debugf("member %s: not ready (%d in a row): %s", name, failed, problem.get().message());
        }
        if (link.probed()) {
            LinkHealth.Verdict verdict = link.judge(now);
            Conditions.set(status.getConditions(), ConditionTypes.DEGRADED, verdict.degraded() ? ConditionStatus.True
                    : ConditionStatus.False, verdict.reason(), verdict.message(), generation, now);
        }
        failures.put(name, failed);
        status.setConsecutiveFailures(failed);
        String tier = mc.getMetadata().getLabels() == null ? ""
                : mc.getMetadata().getLabels().getOrDefault(MemberCluster.TIER_LABEL, "");
        metrics.memberClusterUp(name, tier, isReady(status));

        if (!StatusWrites.needed(written, status, now, config.member().statusRefresh())) {
            return UpdateControl.<MemberCluster>noUpdate().rescheduleAfter(next.toMillis());
        }
        status.setLastProbeTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
        mc.setStatus(status);
        return UpdateControl.patchStatus(mc).rescheduleAfter(next.toMillis());
    }

    /**
     * Connects (or keeps the connection), probes and checks the member; fills the probe's facts
     * into {@code status}. Empty when the member is Ready.
     */
    private Optional<ReadyProblem> check(MemberCluster mc, KubernetesClient hub, MemberClusterStatus status,
            LinkHealth link) throws HubException, InterruptedException {
        String name = mc.getMetadata().getName();
        String namespace = mc.getSpec().getNamespace() == null ? "mapbench-workloads" : mc.getSpec().getNamespace();
        String hubId = hubRead(hubIdentity::id);
        boolean connected;
        try {
            if (Boolean.TRUE.equals(mc.getSpec().getInCluster())) {
                connected = gateway.connectInCluster(name, hub.getConfiguration(), namespace, hubId);
            } else {
                Optional<MemberKubeconfig> kubeconfig = kubeconfig(mc, hub, gateway.server(name).isPresent());
                // Secret unreadable on the hub but a connection exists: keep probing with it.
                connected = kubeconfig.isPresent() && gateway.connect(name, kubeconfig.get(), namespace, hubId);
            }
        } catch (MemberConfigException e) {
            gateway.disconnect(name);
            return Optional.of(new ReadyProblem(e.reason, e.getMessage()));
        } catch (InvalidKubeconfigException e) {
            gateway.disconnect(name);
            return Optional.of(new ReadyProblem(ConditionReasons.INVALID_KUBECONFIG, secretName(mc) + ": "
                    + e.getMessage()));
        }
        String server = gateway.server(name).orElse("(not connected)");
        if (connected) {
            LOG.infof("member %s: connected to %s (namespace %s)", name, server, namespace);
        }
        try {
            long started = System.nanoTime();
            ClusterProbe probe = gateway.probe(name);
            link.answered(clock.instant(), Duration.ofNanos(System.nanoTime() - started));
            MemberProbeReport.fill(status, probe);
            List<MemberPermission> missing = gateway.missingPermissions(name);
            if (!missing.isEmpty()) {
                return Optional.of(MemberFailures.missing(missing, namespace));
            }
        } catch (KubernetesClientException e) {
            ReadyProblem problem = MemberFailures.describe(e, server);
            if (ConditionReasons.UNREACHABLE.equals(problem.reason())) {
                link.failed(clock.instant());
            }
            if (ConditionReasons.UNAUTHORIZED.equals(problem.reason())
                    || ConditionReasons.TLS_ERROR.equals(problem.reason())) {
                // Wrong credentials or CA will not heal by retrying: stop the informers until the
                // next probe (which re-reads the Secret) instead of letting them fail every second.
                gateway.disconnect(name);
            }
            return Optional.of(problem);
        }
        if (!gateway.awaitSynced(name, config.member().syncTimeout())) {
            return Optional.of(MemberFailures.notSynced(gateway.informerHealth(name), server));
        }
        collectGarbage(name, hub, hubId);
        return Optional.empty();
    }

    @Override
    public DeleteControl cleanup(MemberCluster mc, Context<MemberCluster> context) {
        gateway.disconnect(mc.getMetadata().getName());
        failures.remove(mc.getMetadata().getName());
        hubFailures.remove(mc.getMetadata().getName());
        links.remove(mc.getMetadata().getName());
        metrics.removeMemberCluster(mc.getMetadata().getName());
        return DeleteControl.defaultDelete();
    }

    private LinkHealth.Settings linkSettings() {
        return new LinkHealth.Settings(config.member().degradedWindow(), config.member().slowProbe(),
                config.member().unreachableAfter());
    }

    private static boolean isReady(MemberClusterStatus status) {
        return status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> ConditionTypes.READY.equals(c.getType()) && c.getStatus() == ConditionStatus.True);
    }

    /** The Degraded condition as status holds it (an operator restart continues from it). */
    private static LinkHealth.Verdict writtenVerdict(MemberClusterStatus status) {
        if (status == null || status.getConditions() == null) {
            return null;
        }
        return status.getConditions().stream().filter(c -> ConditionTypes.DEGRADED.equals(c.getType()))
                .map(c -> new LinkHealth.Verdict(c.getStatus() == ConditionStatus.True, c.getReason(), c.getMessage()))
                .findFirst().orElse(null);
    }

    /** Exponential backoff 2s, 4s, 8s ... capped at mapbench.member.max-backoff. */
    Duration backoff(int consecutiveFailures) {
        return backoff(consecutiveFailures, config.member().maxBackoff());
    }

    static Duration backoff(int consecutiveFailures, Duration max) {
        long seconds = 1L << Math.min(Math.max(consecutiveFailures, 1), 30);
        return Duration.ofSeconds(Math.min(seconds, max.toSeconds()));
    }

    /**
     * The member's kubeconfig from its Secret on the hub. Empty when the hub cannot be read but a
     * connection exists ({@code connected}); a HubException when it cannot be read and none does.
     */
    private Optional<MemberKubeconfig> kubeconfig(MemberCluster mc, KubernetesClient hub, boolean connected)
            throws MemberConfigException, HubException {
        MemberClusterSpec spec = mc.getSpec();
        if (spec.getKubeconfigSecretRef() == null || spec.getKubeconfigSecretRef().getName() == null) {
            throw new MemberConfigException(ConditionReasons.INVALID_KUBECONFIG,
                    "spec.kubeconfigSecretRef.name is not set: name a Secret in namespace " + config.operatorNamespace());
        }
        String secretName = spec.getKubeconfigSecretRef().getName();
        String key = secretKey(mc);
        Secret secret;
        try {
            secret = hubRead(() -> hub.secrets().inNamespace(config.operatorNamespace()).withName(secretName).get());
        } catch (HubException e) {
            if (connected) {
                LOG.warnf("member %s: cannot re-read Secret %s/%s on the hub, probing with the current connection: %s",
                        mc.getMetadata().getName(), config.operatorNamespace(), secretName, e.getMessage());
                return Optional.empty();
            }
            throw e;
        }
        if (secret == null) {
            throw new MemberConfigException(ConditionReasons.SECRET_NOT_FOUND, "Secret " + config.operatorNamespace()
                    + "/" + secretName + " (spec.kubeconfigSecretRef) does not exist; create it with deploy/member/onboard.sh");
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(key);
        if (encoded == null) {
            throw new MemberConfigException(ConditionReasons.INVALID_KUBECONFIG, secretName(mc) + " has no key '" + key
                    + "' (spec.kubeconfigSecretRef.key)");
        }
        try {
            return Optional.of(MemberKubeconfig.parse(new String(Base64.getDecoder().decode(encoded),
                    StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new MemberConfigException(ConditionReasons.INVALID_KUBECONFIG, secretName(mc)
                    + ": data is not base64 (as the API server stores Secret data)");
        } catch (InvalidKubeconfigException e) {
            throw new MemberConfigException(ConditionReasons.INVALID_KUBECONFIG, secretName(mc) + ": " + e.getMessage());
        }
    }

    private String secretName(MemberCluster mc) {
        String name = mc.getSpec().getKubeconfigSecretRef() == null ? "?" : mc.getSpec().getKubeconfigSecretRef().getName();
        return "Secret " + config.operatorNamespace() + "/" + name + " key " + secretKey(mc);
    }

    private static String secretKey(MemberCluster mc) {
        return mc.getSpec().getKubeconfigSecretRef() == null || mc.getSpec().getKubeconfigSecretRef().getKey() == null
                ? "kubeconfig" : mc.getSpec().getKubeconfigSecretRef().getKey();
    }

    /**
     * Deletes the member's run objects whose run is gone from this hub (deleted while the member
     * was unreachable, or the finalizer gave up). A run re-created under the same name has a new
     * UID, so its predecessor's objects are collected too. Runs after a successful probe; its own
     * failures (hub or member) are logged and retried at the next probe, they do not make the
     * member unready. Both sides are read from caches first: the member's Jobs from its informer,
     * and a run the hub's cache shows is alive; only the other runs cost a hub request, so a probe
     * of a member with many active runs asks the hub nothing.
     */
    private void collectGarbage(String cluster, KubernetesClient hub, String hubId) {
        Set<RunRef> runs;
        try {
            runs = gateway.runsWithObjects(cluster, hubId);
        } catch (KubernetesClientException e) {
            LOG.warnf("member %s: garbage collection could not list remote objects: %s", cluster,
                    MemberFailures.firstLine(e));
            return;
        }
        for (RunRef run : runs) {
            if (liveRuns.cached(run)) {
                continue;
            }
            try {
                BenchmarkRun live = hubRead(() -> hub.resources(BenchmarkRun.class).inNamespace(run.namespace())
                        .withName(run.name()).get());
                if (live == null || !run.uid().equals(live.getMetadata().getUid())) {
                    LOG.infof("member %s: deleting objects of run %s/%s (uid %s), which no longer exists on this hub",
                            cluster, run.namespace(), run.name(), run.uid());
                    gateway.deleteRunObjects(cluster, run.uid());
                }
            } catch (HubException e) {
                LOG.warnf("member %s: garbage collection skipped, hub lookup failed: %s", cluster, e.getMessage());
                return;
            } catch (KubernetesClientException e) {
                LOG.warnf("member %s: garbage collection of run uid %s failed: %s", cluster, run.uid(),
                        MemberFailures.firstLine(e));
            }
        }
    }

    /** Runs a request against the hub, turning its failure into a HubException (kept apart from member failures). */
    private static <T> T hubRead(HubRequest<T> request) throws HubException {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw new HubException(e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() + " (HTTP " + e.getCode() + ")" : MemberFailures.firstLine(e));
        } catch (IllegalStateException e) {
            throw new HubException(MemberFailures.firstLine(e));
        }
    }

    @FunctionalInterface
    private interface HubRequest<T> {
        T get();
    }

    private static MemberClusterStatus copy(MemberClusterStatus s) {
        MemberClusterStatus c = new MemberClusterStatus();
        c.setObservedGeneration(s.getObservedGeneration());
        c.setConditions(new ArrayList<>(s.getConditions()));
        c.setKubernetesVersion(s.getKubernetesVersion());
        c.setDistribution(s.getDistribution());
        c.setArchitectures(new ArrayList<>(s.getArchitectures()));
        c.setNodes(new ArrayList<>(s.getNodes()));
        c.setLastProbeTime(s.getLastProbeTime());
        c.setConsecutiveFailures(s.getConsecutiveFailures());
        return c;
    }

    /** A MemberCluster whose spec or Secret cannot give a usable client; the reason goes into Ready. */
    static final class MemberConfigException extends Exception {
        final String reason;

        MemberConfigException(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    /** A request to the hub (not the member) failed. */
    static final class HubException extends Exception {
        HubException(String message) {
            super(message);
        }
    }
}
