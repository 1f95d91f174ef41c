package io.mapbench.operator.comparison;

import io.mapbench.operator.api.v1alpha1.BaselineSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkComparison;
import io.mapbench.operator.api.v1alpha1.ComparisonSummary;
import io.mapbench.operator.api.v1alpha1.ConditionReasons;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.Regression;
import io.mapbench.operator.api.v1alpha1.ResultComparison;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A run's comparison over all its results: the status summary and the Regressed condition. */
public final class RunComparison {

    public static final int WORST_REGRESSIONS = 5;

    /** One of the run's results and its comparison (null: no baseline result for its key). */
    public record Compared(ResultKey key, ResultComparison comparison) {
    }

    /** Status, reason and message of the Regressed condition. */
    public record Verdict(ConditionStatus status, String reason, String message) {
    }

    private RunComparison() {
    }

    /** The summary of {@code run}'s compared results (it names the run, so a schedule's mirror of it says which). */
    public static ComparisonSummary summarize(String run, List<Compared> results) {
        List<Compared> compared = results.stream().filter(c -> c.comparison() != null).toList();
        ComparisonSummary s = new ComparisonSummary();
        s.setRun(run);
        s.setBaselineRuns(compared.stream().map(c -> c.comparison().getBaselineRun()).distinct().sorted().toList());
        s.setComparedResults(compared.size());
        s.setFaster(sum(compared, ResultComparison::getFaster));
        s.setSlower(sum(compared, ResultComparison::getSlower));
        s.setUnchanged(sum(compared, ResultComparison::getUnchanged));
        s.setInsufficientSamples(sum(compared, ResultComparison::getInsufficientSamples));
        s.setWorstRegressions(compared.stream()
                .flatMap(c -> c.comparison().getBenchmarks().stream()
                        .filter(b -> ResultComparator.isRegression(b, c.comparison().getMinEffectPercent()))
                        .map(b -> regression(c, b)))
                .sorted(Comparator.comparing(Regression::getChangePercent).reversed()
                        .thenComparing(Regression::getCluster).thenComparing(Regression::getGoVersion)
                        .thenComparing(Regression::getBenchmark))
                .limit(WORST_REGRESSIONS)
                .toList());
        return s;
    }

    /** The Regressed condition for a summary of a run with {@code baseline}; {@code missing} are keys without a baseline. */
    public static Verdict verdict(ComparisonSummary summary, BaselineSpec baseline, List<ResultKey> missing,
            RegressionSettings settings) {
        String against = baseline.getRunName() != null ? "run " + baseline.getRunName() : "schedule " + baseline.getSchedule();
        if (summary.getComparedResults() == 0 && missing.isEmpty()) {
            return new Verdict(ConditionStatus.Unknown, ConditionReasons.NO_BASELINE,
                    "nothing to compare with " + against + ": this run produced no result");
        }
        if (summary.getComparedResults() == 0) {
            return new Verdict(ConditionStatus.Unknown, ConditionReasons.NO_BASELINE, "spec.baseline: " + against
                    + " has no result to compare with for "
                    + missing.stream().map(ResultKey::toString).collect(Collectors.joining(", "))
                    + (baseline.getSchedule() != null ? " (no earlier run of the schedule succeeded there)" : ""));
        }
        String counts = String.format(Locale.ROOT, "%d results compared with %s: %d faster, %d slower, %d unchanged,"
                + " %d with fewer than %d samples", summary.getComparedResults(), against, summary.getFaster(),
                summary.getSlower(), summary.getUnchanged(), summary.getInsufficientSamples(), BenchmarkComparator.MIN_SAMPLES);
        if (!missing.isEmpty()) {
            counts += "; no baseline for " + missing.stream().map(ResultKey::toString).collect(Collectors.joining(", "));
        }
        if (summary.getWorstRegressions().isEmpty()) {
            return new Verdict(ConditionStatus.False, ConditionReasons.NO_REGRESSION, counts + "; no slowdown above "
                    + format(settings.minEffectPercent()) + "% at alpha " + format(settings.alpha()));
        }
        Regression worst = summary.getWorstRegressions().get(0);
        return new Verdict(ConditionStatus.True, ConditionReasons.REGRESSED, String.format(Locale.ROOT,
                "%s on %s/%s is %+.2f%% slower than run %s (p=%.3g); %s", worst.getBenchmark(), worst.getCluster(),
                worst.getGoVersion(), worst.getChangePercent(), worst.getBaselineRun(), worst.getPValue(), counts));
    }

    private static Regression regression(Compared c, BenchmarkComparison b) {
        Regression r = new Regression();
        r.setCluster(c.key().cluster());
        r.setGoVersion(c.key().goVersion());
        r.setBenchmark(b.getBenchmark());
        r.setChangePercent(b.getChangePercent());
        r.setPValue(b.getPValue());
        r.setBaselineRun(c.comparison().getBaselineRun());
        return r;
    }

    private static int sum(List<Compared> compared, java.util.function.Function<ResultComparison, Integer> count) {
        return compared.stream().map(c -> count.apply(c.comparison())).mapToInt(i -> i == null ? 0 : i).sum();
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
