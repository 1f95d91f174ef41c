package io.mapbench.operator.testfixtures;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.mapbench.operator.api.v1alpha1.BenchmarkComparison;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkResultSpec;
import io.mapbench.operator.api.v1alpha1.ComparisonVerdict;
import io.mapbench.operator.api.v1alpha1.MapImpl;
import io.mapbench.operator.api.v1alpha1.ResultComparison;
import io.mapbench.operator.api.v1alpha1.SampleSummary;
import io.mapbench.operator.api.v1alpha1.ScheduleMetadata;
import io.mapbench.operator.results.ResultDocument;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** BenchmarkResult objects as the operator stores them, for tests of what is derived from results. */
public final class ResultObjects {
    private ResultObjects() {
    }

    /** A stored result of {@code run} on {@code cluster}; {@code schedule} null for a one-off run. */
    public static BenchmarkResult result(String namespace, String name, String run, String schedule, String cluster,
            String goVersion, String created, ResultDocument doc) {
        Map<String, String> labels = new HashMap<>();
        if (schedule != null) {
            labels.put(ScheduleMetadata.SCHEDULE_LABEL, schedule);
        }
        BenchmarkResult r = new BenchmarkResult();
        r.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withLabels(labels)
                .withCreationTimestamp(created).build());
        BenchmarkResultSpec spec = new BenchmarkResultSpec();
        spec.setRun(run);
        spec.setCluster(cluster);
        spec.setGoVersion(goVersion);
        spec.setArch(doc.environment().goarch());
        spec.setMapImpl("swiss".equals(doc.environment().mapImpl()) ? MapImpl.SWISS : MapImpl.CLASSIC);
        spec.setResult(doc.raw());
        r.setSpec(spec);
        return r;
    }

    /** One benchmark of a comparison, as the contract writes it. */
    public static BenchmarkComparison compared(String benchmark, double baseMedian, double candidateMedian,
            double changePercent, double pValue, ComparisonVerdict verdict) {
        BenchmarkComparison b = new BenchmarkComparison();
        b.setBenchmark(benchmark);
        b.setBase(summary(baseMedian));
        b.setCandidate(summary(candidateMedian));
        b.setChangePercent(changePercent);
        b.setPValue(pValue);
        b.setVerdict(verdict);
        return b;
    }

    private static SampleSummary summary(double median) {
        SampleSummary s = new SampleSummary();
        s.setMedian(median);
        s.setLow(median * 0.99);
        s.setHigh(median * 1.01);
        s.setSamples(10);
        return s;
    }

    /** A comparison with baseline {@code baselineRun} and minimum effect {@code minEffectPercent}. */
    public static ResultComparison comparison(String baselineRun, double minEffectPercent, List<BenchmarkComparison> benchmarks) {
        ResultComparison c = new ResultComparison();
        c.setBaselineRun(baselineRun);
        c.setBaselineResult(baselineRun + "-result");
        c.setUnit("ns/op");
        c.setAlpha(0.05);
        c.setMinEffectPercent(minEffectPercent);
        c.setComparedAt("2026-12-01T00:00:00Z");
        c.setBenchmarks(benchmarks);
        return c;
    }
}
