package io.mapbench.operator.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves a run's Go version request against the supported list: `1.N` means the listed 1.N.P
 * release, `1.N.P` must be listed exactly. Pure; the reconciler turns an empty result into a
 * status message naming the supported versions.
 */
public final class GoVersionResolver {
    private static final Pattern MINOR = Pattern.compile("^1\\.[0-9]+$");
    private static final Pattern RELEASE = Pattern.compile("^1\\.[0-9]+\\.[0-9]+$");

    private final List<String> supported;

    public GoVersionResolver(List<String> supported) {
        for (String v : supported) {
            if (!RELEASE.matcher(v).matches()) {
                throw new IllegalArgumentException("mapbench.go-versions: '" + v + "' is not a Go release; expected 1.N.P");
            }
        }
        this.supported = List.copyOf(supported);
    }

    public List<String> supported() {
        return supported;
    }

    /** The listed 1.N.P release for `1.N` or `1.N.P`; empty when not supported. */
    public Optional<String> resolve(String requested) {
        if (requested == null) {
            return Optional.empty();
        }
        if (RELEASE.matcher(requested).matches()) {
            return supported.contains(requested) ? Optional.of(requested) : Optional.empty();
        }
        if (MINOR.matcher(requested).matches()) {
            // go-versions.txt lists one patch release per minor; if it ever lists more, take the last.
            return supported.stream().filter(v -> v.startsWith(requested + ".")).reduce((a, b) -> b);
        }
        return Optional.empty();
    }
}
