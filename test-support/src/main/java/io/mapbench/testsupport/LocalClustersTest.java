package io.mapbench.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an integration test class that runs against the real local clusters: they are started
 * if needed, the class gets its own namespace in every cluster, and a failing test leaves a dump
 * of mapbench resources, events and pod logs. Inject {@link TestClusters} as a parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalClustersExtension.class)
@Tag("local-clusters")
public @interface LocalClustersTest {
}
