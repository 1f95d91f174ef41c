package io.mapbench.operator.policy;

import io.mapbench.operator.metrics.MapbenchMetrics;
import java.util.List;

/** A PolicyStore holding the real compiled policy (policies/dist), for tests of other packages. */
public final class LoadedPolicyStores {
    private LoadedPolicyStores() {
    }

    public static PolicyStore withDistPolicy(MapbenchMetrics metrics) {
        PolicyStore store = new PolicyStore(true, "mapbench-system", null, metrics);
        PolicyBundle dist = PolicyFixtures.distBundle();
        store.apply(List.of(PolicyStoreTest.policyConfigMap("mapbench-policy", dist.module(), dist.data())));
        return store;
    }

    /** A store whose policy ConfigMaps are missing: every judgement is Unavailable (fail closed). */
    public static PolicyStore withoutPolicy(MapbenchMetrics metrics) {
        PolicyStore store = new PolicyStore(true, "mapbench-system", null, metrics);
        store.apply(List.of());
        return store;
    }

    public static PolicyStore disabled(MapbenchMetrics metrics) {
        return new PolicyStore(false, "mapbench-system", null, metrics);
    }
}
