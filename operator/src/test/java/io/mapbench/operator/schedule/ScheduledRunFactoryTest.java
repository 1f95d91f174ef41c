package io.mapbench.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mapbench.operator.api.v1alpha1.BaselinePolicy;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkSchedule;
import io.mapbench.operator.api.v1alpha1.RegressionSpec;
import io.mapbench.operator.api.v1alpha1.ScheduleBaselineSpec;

class ScheduledRunFactoryTest {

    @Test
    void tickRunCarriesTemplateScheduleLabelOwnerAndScheduledTime() {
        BenchmarkSchedule schedule = ScheduleFixtures.schedule("nightly", "0 2 * * *");
        BenchmarkRun run = ScheduledRunFactory.forTick(schedule, Instant.parse("2026-03-02T02:00:00Z"));

        assertThat(run.getMetadata().getName()).isEqualTo("nightly-202603020200");
        assertThat(run.getMetadata().getNamespace()).isEqualTo("bench");
        assertThat(run.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(
                Map.of("team", "perf", "mapbench.io/schedule", "nightly"));
        assertThat(run.getMetadata().getAnnotations()).containsExactlyInAnyOrderEntriesOf(
                Map.of("note", "nightly", "mapbench.io/scheduled-time", "2026-03-02T02:00:00Z"));
        assertThat(run.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("BenchmarkSchedule");
            assertThat(o.getApiVersion()).isEqualTo("mapbench.io/v1alpha1");
            assertThat(o.getName()).isEqualTo("nightly");
            assertThat(o.getUid()).isEqualTo("uid-nightly");
            assertThat(o.getController()).isTrue();
        });
        assertThat(run.getSpec().getRepetitions()).isEqualTo(6);
        assertThat(run.getSpec().getBaseline().getSchedule()).isEqualTo("nightly");
        assertThat(run.getSpec().getBaseline().getRunName()).isNull();
        assertThat(run.getSpec().getBaseline().getRegression()).isNull();
    }

    @Test
    void runIsADeepCopyOfTheTemplate() {
        BenchmarkSchedule schedule = ScheduleFixtures.schedule("nightly", "0 2 * * *");
        BenchmarkRun run = ScheduledRunFactory.forTick(schedule, Instant.parse("2026-03-02T02:00:00Z"));
        run.getSpec().getGoVersions().set(0, "1.21");
        assertThat(schedule.getSpec().getTemplate().getSpec().getGoVersions()).containsExactly("1.26");
        assertThat(schedule.getSpec().getTemplate().getSpec().getBaseline()).isNull();
    }

    @Test
    void pinnedBaselineAndRegressionSettingsAreCopied() {
        BenchmarkSchedule schedule = ScheduleFixtures.schedule("pinned", "0 2 * * *");
        ScheduleBaselineSpec baseline = new ScheduleBaselineSpec();
        baseline.setPolicy(BaselinePolicy.Run);
        baseline.setRunName("go126-reference");
        schedule.getSpec().setBaseline(baseline);
        RegressionSpec regression = new RegressionSpec();
        regression.setMinEffectPercent(10.0);
        regression.setAlpha(0.01);
        schedule.getSpec().setRegression(regression);

        BenchmarkRun run = ScheduledRunFactory.forRunNow(schedule, "2026-03-02T09:00:00Z");

        assertThat(run.getMetadata().getName()).isEqualTo(ScheduledRunNames.forRunNow("pinned", "2026-03-02T09:00:00Z"));
        assertThat(run.getMetadata().getAnnotations()).containsEntry("mapbench.io/run-now", "2026-03-02T09:00:00Z")
                .doesNotContainKey("mapbench.io/scheduled-time");
        assertThat(run.getSpec().getBaseline().getRunName()).isEqualTo("go126-reference");
        assertThat(run.getSpec().getBaseline().getSchedule()).isNull();
        assertThat(run.getSpec().getBaseline().getRegression().getMinEffectPercent()).isEqualTo(10.0);
        assertThat(run.getSpec().getBaseline().getRegression().getAlpha()).isEqualTo(0.01);
    }
}
