package io.mapbench.operator.policy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the policy bundle among the ConfigMaps labelled {@value #LABEL} in the operator's
 * namespace: {@code binaryData.policy.wasm} (the module) and {@code data.data.json} (the data
 * document), in one ConfigMap or in two. Two let the Helm chart ship the module unchanged and
 * render the data from values (a lowered cap is a data-only change). Pure: no API calls.
 */
public final class PolicyConfigMaps {
    /** Label selecting policy ConfigMaps (any value; policies/configmap.sh sets "admission"). */
    public static final String LABEL = "mapbench.io/policy";

    private PolicyConfigMaps() {
    }

    /**
     * The bundle held by {@code configMaps}.
     *
     * @throws PolicyUnavailableException when the module or the data is missing, present more than
     *         once, or the module is not base64
     */
    public static PolicyBundle bundle(Collection<ConfigMap> configMaps) throws PolicyUnavailableException {
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
                    throw new PolicyUnavailableException("ConfigMap " + name + ": binaryData." + PolicyBundle.MODULE_FILE
                            + " is not base64");
                }
                moduleSources.add(name);
            }
            if (cm.getData() != null && cm.getData().containsKey(PolicyBundle.MODULE_FILE)) {
                throw new PolicyUnavailableException("ConfigMap " + name + ": " + PolicyBundle.MODULE_FILE
                        + " is under data but must be under binaryData (create it with policies/configmap.sh)");
            }
            if (cm.getData() != null && cm.getData().containsKey(PolicyBundle.DATA_FILE)) {
                data = cm.getData().get(PolicyBundle.DATA_FILE);
                dataSources.add(name);
            }
        }
        if (moduleSources.size() != 1 || dataSources.size() != 1) {
            throw new PolicyUnavailableException("expected exactly one binaryData." + PolicyBundle.MODULE_FILE
                    + " and exactly one data." + PolicyBundle.DATA_FILE + " in ConfigMaps labelled " + LABEL
                    + " in the operator namespace; found the module in " + moduleSources + " and the data in "
                    + dataSources + " (create them with policies/configmap.sh or the Helm chart)");
        }
        return PolicyBundle.of(module, data);
    }
}
