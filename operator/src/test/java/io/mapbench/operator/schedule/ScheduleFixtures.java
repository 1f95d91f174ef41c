package io.mapbench.operator.schedule;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkResultSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.mapbench.operator.api.v1alpha1.BenchmarkSchedule;
import io.mapbench.operator.api.v1alpha1.BenchmarkScheduleSpec;
import io.mapbench.operator.api.v1alpha1.Condition;
import io.mapbench.operator.api.v1alpha1.ConditionStatus;
import io.mapbench.operator.api.v1alpha1.ConditionTypes;
import io.mapbench.operator.api.v1alpha1.RunPhase;
import io.mapbench.operator.api.v1alpha1.RunTemplate;
import io.mapbench.operator.api.v1alpha1.Suite;
import java.util.List;
import java.util.Map;

/** Small builders of schedules, runs and results for the schedule package's unit tests. */
final class ScheduleFixtures {
    private ScheduleFixtures() {
    }

    static BenchmarkSchedule schedule(String name, String cron) {
        BenchmarkSchedule s = new BenchmarkSchedule();
        s.getMetadata().setName(name);
        s.getMetadata().setNamespace("bench");
        s.getMetadata().setUid("uid-" + name);
        s.getMetadata().setGeneration(1L);
        s.getMetadata().setCreationTimestamp("2026-03-01T00:00:00Z");
        BenchmarkScheduleSpec spec = new BenchmarkScheduleSpec();
        spec.setSchedule(cron);
        RunTemplate template = new RunTemplate();
        BenchmarkRunSpec runSpec = new BenchmarkRunSpec();
        runSpec.setSuite(Suite.SMOKE);
        runSpec.setGoVersions(List.of("1.26"));
        runSpec.setRepetitions(6);
        template.setSpec(runSpec);
        template.setLabels(Map.of("team", "perf"));
        template.setAnnotations(Map.of("note", "nightly"));
        spec.setTemplate(template);
        s.setSpec(spec);
        return s;
    }

    static BenchmarkRun run(String name, String created, RunPhase phase) {
        BenchmarkRun r = new BenchmarkRun();
        r.getMetadata().setName(name);
        r.getMetadata().setNamespace("bench");
        r.getMetadata().setCreationTimestamp(created);
        if (phase != null) {
            BenchmarkRunStatus status = new BenchmarkRunStatus();
            status.setPhase(phase);
            r.setStatus(status);
        }
        return r;
    }

    static BenchmarkRun regressed(BenchmarkRun run, ConditionStatus status, String reason, String message) {
        run.getStatus().getConditions().add(new Condition(ConditionTypes.REGRESSED, status, reason, message, 1L,
                "2026-03-01T02:10:00Z"));
        return run;
    }

    /** A result of {@code run} with one median ns/op per benchmark name. */
    static BenchmarkResult result(String run, String created, String cluster, String goVersion, Map<String, Double> medians) {
        BenchmarkResult r = new BenchmarkResult();
        r.getMetadata().setName(run + "-" + cluster + "-" + goVersion.replace('.', '-'));
        r.getMetadata().setNamespace("bench");
        r.getMetadata().setCreationTimestamp(created);
        BenchmarkResultSpec spec = new BenchmarkResultSpec();
        spec.setRun(run);
        spec.setCluster(cluster);
        spec.setGoVersion(goVersion);
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        var benchmarks = doc.putArray("benchmarks");
        medians.forEach((name, median) -> {
            ObjectNode b = benchmarks.addObject();
            b.put("name", name);
            b.putObject("stats").putObject("nsPerOp").put("median", median);
        });
        spec.setResult(doc);
        r.setSpec(spec);
        return r;
    }
}
