package io.mapbench.operator.comparison;

import io.mapbench.operator.api.v1alpha1.BaselineSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.ScheduleMetadata;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which result each of a run's results is compared with (issue 12 contract, "Baseline resolution"),
 * over results of the run's namespace:
 * <ul>
 * <li>{@code runName: R}: the result of run R with the same (cluster, Go version);</li>
 * <li>{@code schedule: S}: per (cluster, Go version) the most recent result labelled
 * {@code mapbench.io/schedule=S} of a different run, created no later than this run (a schedule
 * creates the next run only after the previous one finished or was replaced, so an earlier run's
 * results exist by then).</li>
 * </ul>
 */
public final class BaselineResolver {

    private static final Comparator<BenchmarkResult> NEWEST_FIRST = Comparator
            .comparing((BenchmarkResult r) -> created(r).orElse(Instant.MIN)).reversed()
            .thenComparing(r -> r.getMetadata().getName());

    private BaselineResolver() {
    }

    /** The run's own results: those whose spec.run and runUid name it. */
    public static List<BenchmarkResult> resultsOf(BenchmarkRun run, List<BenchmarkResult> namespaceResults) {
        return namespaceResults.stream()
                .filter(r -> r.getSpec() != null && run.getMetadata().getName().equals(r.getSpec().getRun())
                        && Objects.equals(run.getMetadata().getUid(), r.getSpec().getRunUid()))
                .sorted(Comparator.comparing(r -> r.getMetadata().getName()))
                .toList();
    }

    /** Baseline per candidate key; a key without a baseline is absent. */
    public static Map<ResultKey, BenchmarkResult> resolve(BenchmarkRun run, List<BenchmarkResult> candidates,
            List<BenchmarkResult> namespaceResults) {
        BaselineSpec baseline = run.getSpec().getBaseline();
        if (baseline == null) {
            throw new IllegalArgumentException("run " + run.getMetadata().getName() + " has no spec.baseline");
        }
        Map<ResultKey, BenchmarkResult> resolved = new LinkedHashMap<>();
        for (BenchmarkResult candidate : candidates) {
            ResultKey key = ResultKey.of(candidate);
            namespaceResults.stream()
                    .filter(r -> r.getSpec() != null && key.equals(ResultKey.of(r)))
                    .filter(r -> baseline.getRunName() != null
                            ? baseline.getRunName().equals(r.getSpec().getRun())
                            : ofEarlierRunOfSchedule(r, baseline.getSchedule(), run))
                    .min(NEWEST_FIRST)
                    .ifPresent(r -> resolved.put(key, r));
        }
        return resolved;
    }

    private static boolean ofEarlierRunOfSchedule(BenchmarkResult r, String schedule, BenchmarkRun run) {
        Map<String, String> labels = r.getMetadata().getLabels();
        if (labels == null || !schedule.equals(labels.get(ScheduleMetadata.SCHEDULE_LABEL))) {
            return false;
        }
        if (Objects.equals(run.getMetadata().getUid(), r.getSpec().getRunUid())
                || run.getMetadata().getName().equals(r.getSpec().getRun())) {
            return false;
        }
        Optional<Instant> resultCreated = created(r);
        Optional<Instant> runCreated = Optional.ofNullable(run.getMetadata().getCreationTimestamp()).map(Instant::parse);
        return resultCreated.isPresent() && runCreated.isPresent() && !resultCreated.get().isAfter(runCreated.get());
    }

    private static Optional<Instant> created(BenchmarkResult r) {
        return Optional.ofNullable(r.getMetadata().getCreationTimestamp()).map(Instant::parse);
    }
}
