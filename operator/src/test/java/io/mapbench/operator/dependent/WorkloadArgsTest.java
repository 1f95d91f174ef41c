package io.mapbench.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mapbench.operator.api.v1alpha1.BenchmarkRunSpec;
import io.mapbench.operator.api.v1alpha1.KeyType;
import io.mapbench.operator.api.v1alpha1.MatrixSpec;
import io.mapbench.operator.api.v1alpha1.Suite;
import io.mapbench.operator.api.v1alpha1.ValueType;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadArgsTest {
    private static final String LOG = "/dev/termination-log";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("suite only: the suite's matrix and benchtime apply",
                        (Consumer<BenchmarkRunSpec>) s -> s.setSuite(Suite.SMOKE),
                        List.of("run", "--suite", "smoke", "--repetitions", "10", "--termination-log", LOG)),
                Arguments.of("scenarios replace the suite's",
                        (Consumer<BenchmarkRunSpec>) s -> {
                            s.setSuite(Suite.QUICK);
                            s.setScenarios(List.of("range-kv-vs-keys", "field-access"));
                        },
                        List.of("run", "--suite", "quick", "--scenarios", "range-kv-vs-keys,field-access", "--repetitions", "10",
                                "--termination-log", LOG)),
                Arguments.of("full matrix, repetitions, benchtime",
                        (Consumer<BenchmarkRunSpec>) s -> {
                            s.setScenarios(List.of("range-kv-vs-keys"));
                            MatrixSpec m = new MatrixSpec();
                            m.setKeyTypes(List.of(KeyType.INT64, KeyType.STRING32));
                            m.setValueTypes(List.of(ValueType.STRUCT64, ValueType.PTRSTRUCT64, ValueType.EMPTY));
                            m.setSizes(List.of(10L, 100000L, 10000000L));
                            s.setMatrix(m);
                            s.setRepetitions(5);
                            s.setBenchtime("200ms");
                        },
                        List.of("run", "--scenarios", "range-kv-vs-keys", "--key-types", "int64,string32", "--value-types",
                                "struct64,ptrstruct64,empty", "--sizes", "10,100000,10000000", "--repetitions", "5",
                                "--benchtime", "200ms", "--termination-log", LOG)),
                Arguments.of("only the sizes of the matrix set",
                        (Consumer<BenchmarkRunSpec>) s -> {
                            s.setSuite(Suite.SEED);
                            MatrixSpec m = new MatrixSpec();
                            m.setSizes(List.of(1000L));
                            s.setMatrix(m);
                        },
                        List.of("run", "--suite", "seed", "--sizes", "1000", "--repetitions", "10", "--termination-log", LOG)),
                Arguments.of("gogc -1 is off",
                        (Consumer<BenchmarkRunSpec>) s -> {
                            s.setSuite(Suite.SMOKE);
                            s.setGogc(-1);
                        },
                        List.of("run", "--suite", "smoke", "--repetitions", "10", "--gogc", "off", "--termination-log", LOG)),
                Arguments.of("gogc percentage and iteration benchtime",
                        (Consumer<BenchmarkRunSpec>) s -> {
                            s.setSuite(Suite.SMOKE);
                            s.setGogc(400);
                            s.setBenchtime("1000x");
                        },
                        List.of("run", "--suite", "smoke", "--repetitions", "10", "--benchtime", "1000x", "--gogc", "400",
                                "--termination-log", LOG)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void argsFollowTheWorkloadFlags(String name, Consumer<BenchmarkRunSpec> setup, List<String> expected) {
        BenchmarkRunSpec spec = new BenchmarkRunSpec();
        setup.accept(spec);
        assertThat(WorkloadArgs.of(spec, LOG)).containsExactlyElementsOf(expected);
    }
}
