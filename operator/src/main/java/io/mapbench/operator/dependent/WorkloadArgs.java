package io.mapbench.operator.dependent;

import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.KeyType;
import io.mapbench.operator.api.v1alpha1.MatrixSpec;
import io.mapbench.operator.api.v1alpha1.Suite;
import io.mapbench.operator.api.v1alpha1.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The container args of `mapbench run` (workload/internal/runner/config.go ParseFlags): only
 * flags the run sets are passed, so the suite's own matrix and benchtime apply otherwise, as
 * DESIGN.md says ("each matrix list that is set replaces the suite's").
 */
public final class WorkloadArgs {
    static final int DEFAULT_REPETITIONS = 10;

    private WorkloadArgs() {
    }

    public static List<String> of(BenchmarkRunSpec spec, String terminationLog) {
        List<String> args = new ArrayList<>();
        args.add("run");
        if (spec.getSuite() != null) {
            add(args, "--suite", suiteName(spec.getSuite()));
        }
        if (spec.getScenarios() != null && !spec.getScenarios().isEmpty()) {
            add(args, "--scenarios", String.join(",", spec.getScenarios()));
        }
        MatrixSpec matrix = spec.getMatrix();
        if (matrix != null) {
            if (matrix.getKeyTypes() != null && !matrix.getKeyTypes().isEmpty()) {
                add(args, "--key-types", matrix.getKeyTypes().stream().map(WorkloadArgs::keyTypeName).collect(Collectors.joining(",")));
            }
            if (matrix.getValueTypes() != null && !matrix.getValueTypes().isEmpty()) {
                add(args, "--value-types", matrix.getValueTypes().stream().map(WorkloadArgs::valueTypeName).collect(Collectors.joining(",")));
            }
            if (matrix.getSizes() != null && !matrix.getSizes().isEmpty()) {
                add(args, "--sizes", matrix.getSizes().stream().map(String::valueOf).collect(Collectors.joining(",")));
            }
        }
        add(args, "--repetitions", String.valueOf(spec.getRepetitions() == null ? DEFAULT_REPETITIONS : spec.getRepetitions()));
        if (spec.getBenchtime() != null) {
            add(args, "--benchtime", spec.getBenchtime());
        }
        if (spec.getGogc() != null) {
            // spec.gogc -1 turns the collector off; the workload spells that "off".
            add(args, "--gogc", spec.getGogc() < 0 ? "off" : String.valueOf(spec.getGogc()));
        }
        add(args, "--termination-log", terminationLog);
        return args;
    }

    private static void add(List<String> args, String flag, String value) {
        args.add(flag);
        args.add(value);
    }

    /** The vocabulary's spelling (the enums' JSON names). */
    public static String suiteName(Suite suite) {
        return suite.name().toLowerCase();
    }

    public static String keyTypeName(KeyType keyType) {
        return keyType.name().toLowerCase();
    }

    public static String valueTypeName(ValueType valueType) {
        return valueType.name().toLowerCase();
    }
}
