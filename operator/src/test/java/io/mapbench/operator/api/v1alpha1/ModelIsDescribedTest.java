package io.mapbench.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** `kubectl explain` is only useful if every field of the model says what it is. */
class ModelIsDescribedTest {
    private static final List<Class<?>> MODEL = List.of(
            BenchmarkRunSpec.class, MatrixSpec.class, PlacementSpec.class, ResourcesSpec.class, ComputeResources.class,
            DisruptionSpec.class, BenchmarkRunStatus.class, PolicyStatus.class, PolicyViolation.class, Assignment.class,
            JobStatus.class, ClaimStatus.class, ClaimResult.class, Condition.class,
            MemberClusterSpec.class, SecretKeyRef.class, MemberClusterStatus.class, NodeInfo.class,
            BenchmarkResultSpec.class,
            BenchmarkScheduleSpec.class, ScheduleBaselineSpec.class, ChangePointSpec.class, RunTemplate.class,
            BenchmarkScheduleStatus.class, ChangePoint.class);

    @Test
    void everyFieldHasADescription() {
        List<String> undescribed = new ArrayList<>();
        for (Class<?> type : MODEL) {
            Stream.of(type.getDeclaredFields())
                    .filter(f -> !Modifier.isStatic(f.getModifiers()))
                    .filter(f -> !hasDescription(f))
                    .forEach(f -> undescribed.add(type.getSimpleName() + "." + f.getName()));
        }
        assertThat(undescribed).as("fields without @JsonPropertyDescription").isEmpty();
    }

    private static boolean hasDescription(Field field) {
        JsonPropertyDescription d = field.getAnnotation(JsonPropertyDescription.class);
        return d != null && !d.value().isBlank();
    }
}
