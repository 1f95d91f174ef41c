package io.mapbench.operator.reconciler;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mapbench.operator.api.v1alpha1.BaselineSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.ComparisonSummary;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.ResultComparison;
import io.mapbench.operator.api.v1alpha1.ScheduleMetadata;
import io.mapbench.operator.comparison.BaselineResolver;
import io.mapbench.operator.comparison.RegressionSettings;
import io.mapbench.operator.comparison.ResultComparator;
import io.mapbench.operator.comparison.ResultKey;
import io.mapbench.operator.comparison.RunComparison;
import io.mapbench.operator.dependent.RemoteLabels;
import io.mapbench.operator.execution.HubException;
import io.mapbench.operator.status.RunStatusAggregator;
import io.mapbench.operator.status.StatusTransition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When a run with spec.baseline reaches a finished phase: compares each of its results with its
 * baseline result, stores each comparison in the result's spec.comparison (once: a result whose
 * comparison already names the same baseline result is left alone), and adds status.comparison
 * and the Regressed condition to the status about to be written. A Regressed=True condition comes
 * with a Warning transition, so the Event is recorded by {@link RunSideEffects} after the write.
 * A failed hub call fails the reconcile before the status write, which is then redone.
 */
final class RunComparisonStep {

    private final KubernetesClient hub;

    RunComparisonStep(KubernetesClient hub) {
        this.hub = hub;
    }

    /** A finished run with a baseline and no comparison yet. */
    static boolean due(BenchmarkRun run, BenchmarkRunStatus status) {
        return run.getSpec() != null && run.getSpec().getBaseline() != null && status != null && status.getPhase() != null
                && status.getPhase().isFinished() && status.getComparison() == null;
    }

    RunStatusAggregator.Result apply(BenchmarkRun run, RunStatusAggregator.Result result, Instant now) {
        if (!due(run, result.status())) {
            return result;
        }
        BaselineSpec baseline = run.getSpec().getBaseline();
        RegressionSettings settings = RegressionSettings.of(baseline.getRegression());
        List<BenchmarkResult> own = BaselineResolver.resultsOf(run, list(run, RemoteLabels.RUN_UID, run.getMetadata().getUid()));
        List<BenchmarkResult> pool = baseline.getRunName() != null
                ? list(run, RemoteLabels.RUN_NAME, baseline.getRunName())
                : list(run, ScheduleMetadata.SCHEDULE_LABEL, baseline.getSchedule());
        Map<ResultKey, BenchmarkResult> baselines = BaselineResolver.resolve(run, own, pool);

        List<RunComparison.Compared> compared = new ArrayList<>();
        List<ResultKey> missing = new ArrayList<>();
        for (BenchmarkResult candidate : own) {
            ResultKey key = ResultKey.of(candidate);
            BenchmarkResult base = baselines.get(key);
            if (base == null) {
                missing.add(key);
                compared.add(new RunComparison.Compared(key, null));
                continue;
            }
            compared.add(new RunComparison.Compared(key, stored(candidate, base, settings, now)));
        }
        ComparisonSummary summary = RunComparison.summarize(run.getMetadata().getName(), compared);
        RunComparison.Verdict verdict = RunComparison.verdict(summary, baseline, missing, settings);

        BenchmarkRunStatus status = Serialization.clone(result.status());
        status.setComparison(summary);
        List<Condition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        conditions.removeIf(c -> ConditionTypes.REGRESSED.equals(c.getType()));
        conditions.add(new Condition(ConditionTypes.REGRESSED, verdict.status(), verdict.reason(), verdict.message(),
                run.getMetadata().getGeneration(), now.toString()));
        status.setConditions(conditions);
        List<StatusTransition> transitions = new ArrayList<>(result.transitions());
        if (verdict.status() == ConditionStatus.True) {
            transitions.add(new StatusTransition(ConditionTypes.REGRESSED, null, ConditionStatus.True.name(),
                    verdict.reason(), verdict.message(), true));
        }
        return new RunStatusAggregator.Result(status, List.copyOf(transitions), true);
    }

    /** The result's comparison with {@code base}: the stored one when it names that baseline, else computed and patched in. */
    private ResultComparison stored(BenchmarkResult candidate, BenchmarkResult base, RegressionSettings settings, Instant now) {
        ResultComparison existing = candidate.getSpec().getComparison();
        if (existing != null && Objects.equals(existing.getBaselineResult(), base.getMetadata().getName())) {
            return existing;
        }
        ResultComparison comparison = ResultComparator.compare(base, candidate, settings, now);
        // JSON patch "add" replaces the whole field, so nothing of an older comparison survives.
        String patch = Serialization.asJson(List.of(Map.of("op", "add", "path", "/spec/comparison", "value", comparison)));
        try {
            hub.resources(BenchmarkResult.class).inNamespace(candidate.getMetadata().getNamespace())
                    .withName(candidate.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON), patch);
        } catch (KubernetesClientException e) {
            throw new HubException("storing spec.comparison of BenchmarkResult " + candidate.getMetadata().getName()
                    + " failed: " + e.getMessage(), e);
        }
        return comparison;
    }

    private List<BenchmarkResult> list(BenchmarkRun run, String label, String value) {
        try {
            KubernetesResourceList<BenchmarkResult> list = hub.resources(BenchmarkResult.class)
                    .inNamespace(run.getMetadata().getNamespace()).withLabel(label, value).list();
            return list.getItems();
        } catch (KubernetesClientException e) {
            throw new HubException("listing BenchmarkResults with " + label + "=" + value + " failed: " + e.getMessage(), e);
        }
    }
}
