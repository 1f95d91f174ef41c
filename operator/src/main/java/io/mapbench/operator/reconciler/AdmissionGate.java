package io.mapbench.operator.reconciler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.mapbench.operator.policy.AdmissionDecision;
import io.mapbench.operator.policy.AdmissionPolicy;
import io.mapbench.operator.policy.PolicyBundle;
import io.mapbench.operator.policy.PolicyUnavailableException;

/**
 * The admission gate of DESIGN.md step 3. The policy module and data come from ConfigMaps labelled
 * {@value #POLICY_LABEL} in the operator's namespace (watched by an informer of the run
 * controller): binaryData {@code policy.wasm} and data {@code data.json}, in one ConfigMap or two.
 * A changed module or data is loaded at the next decision (hot swap, no restart); anything missing
 * or broken makes the gate "unavailable", which admits nothing (fail closed).
 */
final class AdmissionGate implements AutoCloseable {
    static final String POLICY_LABEL = "mapbench.io/policy";
    private static final Logger LOG = Logger.getLogger(AdmissionGate.class);
    private static final int POOL_SIZE = 2;

    private AdmissionPolicy loaded;
    private String loadedRevision;

    /** What the gate says about one proposal. */
    sealed interface Outcome {
        record Allowed(String revision) implements Outcome {
        }

        record Denied(AdmissionDecision decision) implements Outcome {
        }

        record Unavailable(String message) implements Outcome {
        }
    }

    /** Evaluates {@code input} against the policy currently held in {@code configMaps}. */
    synchronized Outcome decide(Collection<ConfigMap> configMaps, JsonNode input) {
        AdmissionPolicy policy;
        try {
            policy = policy(configMaps);
        } catch (PolicyUnavailableException e) {
            return new Outcome.Unavailable(e.getMessage());
        }
        try {
            AdmissionDecision decision = policy.evaluate(input);
            return decision.allowed() ? new Outcome.Allowed(decision.revision()) : new Outcome.Denied(decision);
        } catch (PolicyUnavailableException e) {
            return new Outcome.Unavailable(e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
        }
    }

    private AdmissionPolicy policy(Collection<ConfigMap> configMaps) throws PolicyUnavailableException {
        PolicyBundle bundle = bundle(configMaps);
        if (loaded != null && bundle.revision().equals(loadedRevision)) {
            return loaded;
        }
        AdmissionPolicy fresh = AdmissionPolicy.load(bundle, POOL_SIZE);
        if (loaded != null) {
            loaded.close();
        }
        LOG.infof("admission policy %s loaded (was %s)", bundle.revision(), loadedRevision);
        loaded = fresh;
        loadedRevision = bundle.revision();
        return fresh;
    }

    /** Finds exactly one module and one data document among the labelled ConfigMaps. */
    static PolicyBundle bundle(Collection<ConfigMap> configMaps) throws PolicyUnavailableException {
        List<ConfigMap> sorted = new ArrayList<>(configMaps);
        sorted.sort(Comparator.comparing(cm -> cm.getMetadata().getName()));
        List<String> moduleSources = new ArrayList<>();
        List<String> dataSources = new ArrayList<>();
        byte[] module = null;
        String data = null;
        for (ConfigMap cm : sorted) {
            String name = cm.getMetadata().getName();
            if (cm.getBinaryData() != null && cm.getBinaryData().containsKey(PolicyBundle.MODULE_FILE)) {
                try {
                    module = Base64.getDecoder().decode(cm.getBinaryData().get(PolicyBundle.MODULE_FILE));
                } catch (IllegalArgumentException e) {
                    throw new PolicyUnavailableException("ConfigMap " + name + " binaryData." + PolicyBundle.MODULE_FILE
                            + " is not base64");
                }
                moduleSources.add(name);
            }
            if (cm.getData() != null && cm.getData().containsKey(PolicyBundle.DATA_FILE)) {
                data = cm.getData().get(PolicyBundle.DATA_FILE);
                dataSources.add(name);
            }
        }
        if (moduleSources.size() != 1 || dataSources.size() != 1) {
            throw new PolicyUnavailableException("expected exactly one binaryData." + PolicyBundle.MODULE_FILE
                    + " and one data." + PolicyBundle.DATA_FILE + " in ConfigMaps labelled " + POLICY_LABEL
                    + " in the operator namespace; found the module in " + moduleSources + " and the data in "
                    + dataSources + " (install them with the Helm chart or hack/demo.sh)");
        }
        return PolicyBundle.of(module, new String(data.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void close() {
        if (loaded != null) {
            loaded.close();
            loaded = null;
        }
    }
}
