package io.mapbench.operator.api.v1alpha1;

/** Names shared by every mapbench.io/v1alpha1 kind (annotations need compile-time constants). */
public final class ApiGroup {
    public static final String GROUP = "mapbench.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** `kubectl get mapbench` lists every mapbench kind. */
    public static final String CATEGORY = "mapbench";

    private ApiGroup() {
    }
}
