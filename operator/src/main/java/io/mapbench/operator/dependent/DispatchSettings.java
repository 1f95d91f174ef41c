package io.mapbench.operator.dependent;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The operator configuration the builders need, passed in (never read from the environment inside
 * a builder: docs/CONVENTIONS.md §2).
 *
 * @param hub                    this hub's name, the value of the {@code mapbench.io/hub} label
 * @param imageRepository        workload image repository when the run sets none
 * @param defaultCpu             CPU of a workload pod when the run sets no resources
 * @param defaultMemory          memory of a workload pod when the run sets no resources
 */
public record DispatchSettings(String hub, String imageRepository, Quantity defaultCpu, Quantity defaultMemory) {
    /** A Kubernetes label value: the hub name is the value of the mapbench.io/hub label. */
    private static final Pattern LABEL_VALUE = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");

    public DispatchSettings {
        Objects.requireNonNull(hub, "hub");
        if (!LABEL_VALUE.matcher(hub).matches()) {
            throw new IllegalArgumentException("hub name \"" + hub + "\": must be a label value (at most 63 letters, digits,"
                    + " '-', '_' or '.', starting and ending with a letter or digit)");
        }
        Objects.requireNonNull(imageRepository, "imageRepository");
        Objects.requireNonNull(defaultCpu, "defaultCpu");
        Objects.requireNonNull(defaultMemory, "defaultMemory");
    }
}
