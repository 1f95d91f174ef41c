package io.mapbench.operator.dependent;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Objects;

/**
 * The operator configuration the builders need, passed in (never read from the environment inside
 * a builder, STYLE.md "Avoid").
 *
 * @param hub                    this hub's name, the value of the {@code mapbench.io/hub} label
 * @param imageRepository        workload image repository when the run sets none
 * @param defaultCpu             CPU of a workload pod when the run sets no resources
 * @param defaultMemory          memory of a workload pod when the run sets no resources
 */
public record DispatchSettings(String hub, String imageRepository, Quantity defaultCpu, Quantity defaultMemory) {
    public DispatchSettings {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(imageRepository, "imageRepository");
        Objects.requireNonNull(defaultCpu, "defaultCpu");
        Objects.requireNonNull(defaultMemory, "defaultMemory");
    }
}
