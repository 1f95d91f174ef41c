package io.mapbench.operator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.config.MapbenchConfig;
import io.mapbench.operator.metrics.MapbenchMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The admission gate's policy: watches the ConfigMaps labelled {@value PolicyConfigMaps#LABEL}
 * in the operator's namespace with a Fabric8 informer, loads the bundle they hold and swaps it in
 * without a restart (the old one is closed), and answers {@link #decide} for the reconciler.
 *
 * <p>Fail closed: while the module or data is missing, corrupt or failing, every decision is
 * {@link PolicyVerdict.Unavailable}. {@code mapbench.policy.enabled=false} is the only way to get
 * {@link PolicyVerdict.Disabled}. Listeners ({@link #addListener}) hear about every change of the
 * loaded policy AFTER it is in place, so a reconcile they trigger sees the new revision. Every
 * swap also sets {@code mapbench_policy_available} (1 only while a policy is loaded, never when
 * disabled) and {@code mapbench_policy_enabled}, which the MapbenchPolicyUnavailable alert reads.
 */
@Singleton
public class PolicyStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PolicyStore.class);
    /** Module instances evaluating at once; the operator reconciles on a few threads of 2 CPUs. */
    static final int POOL_SIZE = 2;

    /** What is loaded now: a policy, or why there is none. */
    private sealed interface State {
        record Loaded(AdmissionPolicy policy) implements State {
        }

        record Missing(String message, String revision) implements State {
        }
    }

    private final boolean enabled;
    private final String namespace;
    private final KubernetesClient hub;
    private final MapbenchMetrics metrics;
    private final AtomicReference<State> state = new AtomicReference<>(
            new State.Missing("the policy ConfigMaps have not been read yet", null));
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private SharedIndexInformer<ConfigMap> informer;

    @Inject
    public PolicyStore(KubernetesClient hub, MapbenchConfig config, MapbenchMetrics metrics) {
        this(config.policy().enabled(), config.operatorNamespace(), hub, metrics);
    }

    PolicyStore(boolean enabled, String namespace, KubernetesClient hub, MapbenchMetrics metrics) {
        this.enabled = enabled;
        this.namespace = namespace;
        this.hub = hub;
        this.metrics = metrics;
        metrics.policyState(enabled, false);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        close();
    }

    /** Starts watching the policy ConfigMaps (nothing to watch when the policy is disabled). */
    synchronized void start() {
        if (!enabled) {
            LOG.warn("admission policy disabled (mapbench.policy.enabled=false): runs are admitted with reason"
                    + " PolicyDisabled");
            return;
        }
        if (informer != null) {
            return;
        }
        informer = hub.configMaps().inNamespace(namespace).withLabel(PolicyConfigMaps.LABEL)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ConfigMap cm) {
                        refresh();
                    }

                    @Override
                    public void onUpdate(ConfigMap old, ConfigMap cm) {
                        refresh();
                    }

                    @Override
                    public void onDelete(ConfigMap cm, boolean deletedFinalStateUnknown) {
                        refresh();
                    }
                }, 0);
        LOG.infof("watching ConfigMaps labelled %s in namespace %s for the admission policy", PolicyConfigMaps.LABEL,
                namespace);
        refresh(); // also when there is no ConfigMap at all: say why nothing is admitted
    }

    private void refresh() {
        SharedIndexInformer<ConfigMap> source = informer;
        if (source != null) {
            apply(source.getStore().list());
        }
    }

    /**
     * Loads the bundle held by {@code configMaps} unless it is the one already loaded; swaps it in
     * and closes the old one. Called for every informer event (serially, on the informer's thread).
     */
    synchronized void apply(Collection<ConfigMap> configMaps) {
        State next;
        PolicyBundle bundle;
        try {
            bundle = PolicyConfigMaps.bundle(configMaps);
        } catch (PolicyUnavailableException e) {
            swap(new State.Missing(e.getMessage(), null));
            return;
        }
        State current = state.get();
        if (current instanceof State.Loaded loaded && loaded.policy().revision().equals(bundle.revision())
                || current instanceof State.Missing missing && bundle.revision().equals(missing.revision())) {
            return; // an unrelated change (labels, another key): the same policy, no reload
        }
        long started = System.nanoTime();
        try {
            next = new State.Loaded(checked(AdmissionPolicy.load(bundle, POOL_SIZE)));
            LOG.infof("admission policy %s loaded in %d ms", bundle.revision(), (System.nanoTime() - started) / 1_000_000);
        } catch (PolicyUnavailableException e) {
            next = new State.Missing(e.getMessage(), bundle.revision());
        }
        swap(next);
    }

    /**
     * One decision on an empty input before the policy is used: incomplete data is reported by
     * the policy itself (rule policy-data-invalid, whatever the input), so a broken data document
     * makes the policy unavailable at once, not at the first run.
     */
    private static AdmissionPolicy checked(AdmissionPolicy policy) throws PolicyUnavailableException {
        try {
            policy.evaluate(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
            return policy;
        } catch (PolicyUnavailableException e) {
            policy.close();
            throw e;
        }
    }

    private void swap(State next) {
        State previous = state.getAndSet(next);
        metrics.policyState(enabled, next instanceof State.Loaded);
        if (previous instanceof State.Loaded old) {
            old.policy().close(); // decisions in flight on it are retried on the new one (decide)
        }
        if (next instanceof State.Missing missing && !(previous instanceof State.Missing p
                && p.message().equals(missing.message()))) {
            LOG.warnf("admission policy unavailable, nothing is admitted: %s", missing.message());
        }
        listeners.forEach(Runnable::run);
    }

    /** Called after every change of the loaded policy (a new revision, or it became unavailable). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** The revision decisions get now; empty while the policy is unavailable (or disabled). */
    public Optional<String> revision() {
        return state.get() instanceof State.Loaded loaded ? Optional.of(loaded.policy().revision()) : Optional.empty();
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Judges one proposed placement of {@code run} (policies/README.md, "The input document").
     * Side-effect free: the admission queue asks again about the same run as other runs come and
     * go; denials are counted by whoever records them in status ({@link #countDenial}).
     */
    public PolicyVerdict evaluate(BenchmarkRun run, List<AdmissionInput.Cluster> clusters,
            AdmissionInput.Namespace namespace, AdmissionInput.WorkEstimate estimate) {
        return evaluate(AdmissionInput.of(run, clusters, namespace, estimate));
    }

    /** Judges a ready-made input document. */
    PolicyVerdict evaluate(JsonNode input) {
        if (!enabled) {
            return new PolicyVerdict.Disabled();
        }
        return evaluate(input, true);
    }

    /**
     * Counts one recorded denial in {@code mapbench_policy_denials_total}, once per violated rule.
     * Called after the status write that records the denial, so a retried write never counts twice.
     */
    public void countDenial(Collection<String> rules) {
        rules.stream().distinct().forEach(metrics::policyDenied);
    }

    private PolicyVerdict evaluate(JsonNode input, boolean retryOnSwap) {
        State current = state.get();
        if (current instanceof State.Missing missing) {
            return new PolicyVerdict.Unavailable(missing.message());
        }
        AdmissionPolicy policy = ((State.Loaded) current).policy();
        try {
            AdmissionDecision decision = policy.evaluate(input);
            return decision.allowed() ? new PolicyVerdict.Allowed(decision.revision())
                    : new PolicyVerdict.Denied(decision.violations(), decision.revision());
        } catch (PolicyUnavailableException e) {
            if (retryOnSwap && state.get() != current) {
                return evaluate(input, false); // swapped (and closed) while we evaluated: ask the new one
            }
            return new PolicyVerdict.Unavailable(e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.close();
            informer = null;
        }
        State previous = state.getAndSet(new State.Missing("the operator is shutting down", null));
        metrics.policyState(enabled, false);
        if (previous instanceof State.Loaded old) {
            old.policy().close();
        }
    }
}
