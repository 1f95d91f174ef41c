package io.mapbench.operator.schedule;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.mapbench.operator.api.v1alpha1.BaselinePolicy;
import io.mapbench.operator.api.v1alpha1.BaselineSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkSchedule;
import io.mapbench.operator.api.v1alpha1.RegressionSpec;
import io.mapbench.operator.api.v1alpha1.RunTemplate;
import io.mapbench.operator.api.v1alpha1.ScheduleBaselineSpec;
import io.mapbench.operator.api.v1alpha1.ScheduleMetadata;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BenchmarkRun a schedule creates for a tick or a run-now token: the template's labels,
 * annotations and spec, the schedule label, owner reference (controller) and the baseline and
 * regression settings of the schedule.
 */
public final class ScheduledRunFactory {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private ScheduledRunFactory() {
    }

    /** The run of a cron tick, annotated with its scheduled time. */
    public static BenchmarkRun forTick(BenchmarkSchedule schedule, Instant tick) {
        BenchmarkRun run = build(schedule, ScheduledRunNames.forTick(schedule.getMetadata().getName(), tick));
        run.getMetadata().getAnnotations().put(ScheduleMetadata.SCHEDULED_TIME_ANNOTATION, tick.toString());
        return run;
    }

    /** The manual run of a run-now token, annotated with the token. */
    public static BenchmarkRun forRunNow(BenchmarkSchedule schedule, String token) {
        BenchmarkRun run = build(schedule, ScheduledRunNames.forRunNow(schedule.getMetadata().getName(), token));
        run.getMetadata().getAnnotations().put(ScheduleMetadata.RUN_NOW_ANNOTATION, token);
        return run;
    }

    private static BenchmarkRun build(BenchmarkSchedule schedule, String name) {
        RunTemplate template = schedule.getSpec().getTemplate();
        BenchmarkRun run = new BenchmarkRun();
        run.getMetadata().setName(name);
        run.getMetadata().setNamespace(schedule.getMetadata().getNamespace());
        Map<String, String> labels = new HashMap<>(template.getLabels() == null ? Map.of() : template.getLabels());
        labels.put(ScheduleMetadata.SCHEDULE_LABEL, schedule.getMetadata().getName());
        run.getMetadata().setLabels(labels);
        run.getMetadata().setAnnotations(new HashMap<>(template.getAnnotations() == null ? Map.of() : template.getAnnotations()));
        run.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion(schedule.getApiVersion())
                .withKind(schedule.getKind())
                .withName(schedule.getMetadata().getName())
                .withUid(schedule.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build()));
        // A deep copy: the template must not share objects with the run (the informer cache holds the schedule).
        BenchmarkRunSpec spec = JSON.unmarshal(JSON.asJson(template.getSpec()), BenchmarkRunSpec.class);
        spec.setBaseline(baseline(schedule));
        run.setSpec(spec);
        return run;
    }

    static BaselineSpec baseline(BenchmarkSchedule schedule) {
        ScheduleBaselineSpec wanted = schedule.getSpec().getBaseline();
        BaselineSpec baseline = new BaselineSpec();
        if (wanted != null && wanted.getPolicy() == BaselinePolicy.Run) {
            baseline.setRunName(wanted.getRunName());
        } else {
            baseline.setSchedule(schedule.getMetadata().getName());
        }
        RegressionSpec regression = schedule.getSpec().getRegression();
        if (regression != null) {
            RegressionSpec copy = new RegressionSpec();
            copy.setMinEffectPercent(regression.getMinEffectPercent());
            copy.setAlpha(regression.getAlpha());
            baseline.setRegression(copy);
        }
        return baseline;
    }
}
