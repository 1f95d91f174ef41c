package io.mapbench.operator.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the default of `mapbench.go-versions` from workload/go-versions.txt, which the Maven
 * build copies onto the classpath (operator/pom.xml), so the one list of supported toolchains
 * needs no second copy. Low ordinal: application.properties and the environment override it.
 */
public class GoVersionsConfigSource implements ConfigSource {
    public static final String RESOURCE = "mapbench/go-versions.txt";
    public static final String PROPERTY = "mapbench.go-versions";
    static final int ORDINAL = 50;

    private final Map<String, String> properties;

    public GoVersionsConfigSource() {
        this.properties = load();
    }

    private static Map<String, String> load() {
        try (InputStream in = GoVersionsConfigSource.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                // Not built by Maven (e.g. an IDE without resource copying): no default, and the
                // mapping then reports mapbench.go-versions as missing, naming the property.
                return Map.of();
            }
            GoVersionsFile file = GoVersionsFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Map.of(PROPERTY, String.join(",", file.versions()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the classpath", e);
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "workload/go-versions.txt (classpath " + RESOURCE + ")";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
