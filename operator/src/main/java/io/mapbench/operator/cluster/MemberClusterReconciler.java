package io.mapbench.operator.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Set;

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
import io.mapbench.operator.metrics.MapbenchMetrics;
import io.mapbench.operator.remote.ClusterProbe;
import io.mapbench.operator.remote.HubIdentity;
import io.mapbench.operator.remote.InvalidKubeconfigException;
import io.mapbench.operator.remote.MemberKubeconfig;
import io.mapbench.operator.remote.RemoteClusterGateway;
import io.mapbench.operator.dependent.RunRef;

/**
 * Connects the hub to a member cluster and keeps checking it: builds the member's client from its
 * kubeconfig Secret (rejecting exec plugins, auth providers and file references), probes version,
 * distribution, nodes, architectures and taints, sets Ready with a reason, backs off while the
 * member is unreachable, and garbage-collects remote objects whose run no longer exists here.
 * The Secret is re-read on every probe, so a rotated credential rebuilds the client within one
 * probe period.
 */
@ControllerConfiguration(name = MemberClusterReconciler.NAME)
public class MemberClusterReconciler implements Reconciler<MemberCluster>, Cleaner<MemberCluster> {
    public static final String NAME = "membercluster";
    private static final Logger LOG = Logger.getLogger(MemberClusterReconciler.class);
    /** How often a healthy member is probed again (and its Secret re-read). */
    static final Duration PROBE_PERIOD = Duration.ofSeconds(30);
    /** Longest wait between probes of an unreachable member. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final RemoteClusterGateway gateway;
    private final HubIdentity hubIdentity;
    private final MapbenchConfig config;
    private final MapbenchMetrics metrics;
    private final Clock clock;

    @Inject
    public MemberClusterReconciler(RemoteClusterGateway gateway, HubIdentity hubIdentity, MapbenchConfig config,
            MapbenchMetrics metrics) {
        this(gateway, hubIdentity, config, metrics, Clock.systemUTC());
    }

    MemberClusterReconciler(RemoteClusterGateway gateway, HubIdentity hubIdentity, MapbenchConfig config,
            MapbenchMetrics metrics, Clock clock) {
        this.gateway = gateway;
        this.hubIdentity = hubIdentity;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public UpdateControl<MemberCluster> reconcile(MemberCluster mc, Context<MemberCluster> context) {
        String name = mc.getMetadata().getName();
        MemberClusterStatus old = mc.getStatus() == null ? new MemberClusterStatus() : mc.getStatus();
        MemberClusterStatus status = copy(old);
        Instant now = clock.instant();
        Long generation = mc.getMetadata().getGeneration();
        status.setObservedGeneration(generation);
        status.setLastProbeTime(now.truncatedTo(ChronoUnit.SECONDS).toString());

        Duration next;
        try {
            String namespace = mc.getSpec().getNamespace() == null ? "mapbench-workloads" : mc.getSpec().getNamespace();
            boolean connected;
            String server;
            if (Boolean.TRUE.equals(mc.getSpec().getInCluster())) {
                connected = gateway.connectInCluster(name, context.getClient().getConfiguration(), namespace,
                        hubIdentity.id());
                server = "the hub itself";
            } else {
                MemberKubeconfig kubeconfig = kubeconfig(mc, context.getClient());
                connected = gateway.connect(name, kubeconfig, namespace, hubIdentity.id());
                server = kubeconfig.server();
            }
            if (connected) {
                LOG.infof("member %s: connected to %s (namespace %s)", name, server, namespace);
            }
            ClusterProbe probe = gateway.probe(name);
            MemberProbeReport.fill(status, probe);
            status.setConsecutiveFailures(0);
            Conditions.set(status.getConditions(), ConditionTypes.READY, ConditionStatus.True,
                    ConditionReasons.PROBE_SUCCEEDED, "API server " + probe.gitVersion() + " reachable; "
                            + probe.nodes().size() + " node(s), architectures " + status.getArchitectures(),
                    generation, now);
            collectGarbage(name, context.getClient());
            next = PROBE_PERIOD;
        } catch (MemberConfigException e) {
            gateway.disconnect(name);
            Conditions.set(status.getConditions(), ConditionTypes.READY, ConditionStatus.False, e.reason,
                    e.getMessage(), generation, now);
            status.setConsecutiveFailures(failures(old) + 1);
            next = PROBE_PERIOD;
        } catch (KubernetesClientException e) {
            boolean auth = e.getCode() == 401 || e.getCode() == 403;
            Conditions.set(status.getConditions(), ConditionTypes.READY, ConditionStatus.False,
                    auth ? ConditionReasons.UNAUTHORIZED : ConditionReasons.UNREACHABLE,
                    (auth ? "member API server refused the credentials: " : "member API server unreachable: ")
                            + firstLine(e),
                    generation, now);
            int failures = failures(old) + 1;
            status.setConsecutiveFailures(failures);
            next = backoff(failures);
            LOG.debugf("member %s: probe failed (%d in a row): %s", name, failures, firstLine(e));
        }
        String tier = mc.getMetadata().getLabels() == null ? ""
                : mc.getMetadata().getLabels().getOrDefault(MemberCluster.TIER_LABEL, "");
        metrics.memberClusterUp(name, tier, isReady(status));
        mc.setStatus(status);
        UpdateControl<MemberCluster> control = UpdateControl.patchStatus(mc);
        return control.rescheduleAfter(next.toMillis());
    }

    @Override
    public DeleteControl cleanup(MemberCluster mc, Context<MemberCluster> context) {
        gateway.disconnect(mc.getMetadata().getName());
        metrics.removeMemberCluster(mc.getMetadata().getName());
        return DeleteControl.defaultDelete();
    }

    /** Exponential backoff 2s, 4s, 8s ... capped at MAX_BACKOFF: unreachable members are probed less often. */
    static Duration backoff(int consecutiveFailures) {
        long seconds = 1L << Math.min(Math.max(consecutiveFailures, 1), 6);
        return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
    }

    private MemberKubeconfig kubeconfig(MemberCluster mc, KubernetesClient hub) throws MemberConfigException {
        MemberClusterSpec spec = mc.getSpec();
        if (spec.getKubeconfigSecretRef() == null || spec.getKubeconfigSecretRef().getName() == null) {
            throw new MemberConfigException(ConditionReasons.INVALID_KUBECONFIG,
                    "spec.kubeconfigSecretRef.name is not set: name a Secret in namespace " + config.operatorNamespace());
        }
        String secretName = spec.getKubeconfigSecretRef().getName();
        String key = spec.getKubeconfigSecretRef().getKey() == null ? "kubeconfig" : spec.getKubeconfigSecretRef().getKey();
        Secret secret = hub.secrets().inNamespace(config.operatorNamespace()).withName(secretName).get();
        if (secret == null) {
            throw new MemberConfigException(ConditionReasons.SECRET_NOT_FOUND, "Secret " + config.operatorNamespace()
                    + "/" + secretName + " (spec.kubeconfigSecretRef) does not exist; create it with deploy/member/onboard.sh");
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(key);
        if (encoded == null) {
            throw new MemberConfigException(ConditionReasons.INVALID_KUBECONFIG, "Secret " + config.operatorNamespace()
                    + "/" + secretName + " has no key '" + key + "' (spec.kubeconfigSecretRef.key)");
        }
        try {
            return MemberKubeconfig.parse(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
        } catch (InvalidKubeconfigException | IllegalArgumentException e) {
            throw new MemberConfigException(ConditionReasons.INVALID_KUBECONFIG, "Secret " + config.operatorNamespace()
                    + "/" + secretName + " key " + key + ": " + e.getMessage());
        }
    }

    /**
     * Deletes the member's run objects whose run is gone from this hub (deleted while the member
     * was unreachable, or the finalizer gave up). A run re-created under the same name has a new
     * UID, so its predecessor's objects are collected too.
     */
    private void collectGarbage(String cluster, KubernetesClient hub) {
        Set<RunRef> runs = gateway.runsWithObjects(cluster, hubIdentity.id());
        for (RunRef run : runs) {
            BenchmarkRun live = hub.resources(BenchmarkRun.class).inNamespace(run.namespace()).withName(run.name()).get();
            if (live == null || !run.uid().equals(live.getMetadata().getUid())) {
                LOG.infof("member %s: deleting objects of run %s/%s (uid %s), which no longer exists on this hub",
                        cluster, run.namespace(), run.name(), run.uid());
                gateway.deleteRunObjects(cluster, run.uid());
            }
        }
    }

    private static boolean isReady(MemberClusterStatus status) {
        return status.getConditions().stream()
                .anyMatch(c -> ConditionTypes.READY.equals(c.getType()) && c.getStatus() == ConditionStatus.True);
    }

    private static int failures(MemberClusterStatus status) {
        return status.getConsecutiveFailures() == null ? 0 : status.getConsecutiveFailures();
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = e.getMessage() == null ? root.toString() : e.getMessage();
        if (root != e && root.getMessage() != null && !msg.contains(root.getMessage())) {
            msg = msg + " (" + root.getMessage() + ")";
        }
        return msg.lines().findFirst().orElse(msg);
    }

    private static MemberClusterStatus copy(MemberClusterStatus s) {
        MemberClusterStatus c = new MemberClusterStatus();
        c.setObservedGeneration(s.getObservedGeneration());
        c.setConditions(new java.util.ArrayList<>(s.getConditions()));
        c.setKubernetesVersion(s.getKubernetesVersion());
        c.setDistribution(s.getDistribution());
        c.setArchitectures(new java.util.ArrayList<>(s.getArchitectures()));
        c.setNodes(new java.util.ArrayList<>(s.getNodes()));
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
}
