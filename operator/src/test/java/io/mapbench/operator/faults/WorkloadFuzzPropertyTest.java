package io.mapbench.operator.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Fault case 12: the workload's Go fuzz targets run by workload/fuzz.sh, each from its committed
 * seed corpus (testdata/fuzz/&lt;target&gt;/) for the script's fixed execution budget: the result
 * document extractor/decoder, ParseBenchtime, the benchmark-text writer read back by benchfmt,
 * and whatever else the script lists. The row counts what the script prints per target and fails
 * when the script exits non-zero, a target fails or runs no input, or one of the three
 * targets is missing or has no committed seed.
 *
 * <p>Needs no local cluster, so it runs in surefire's pass of `make faults`; full level only,
 * because `make test-go` already runs fuzz.sh in CI. {@code -Dfaults.fuzztime=20000x} (or a
 * duration) overrides every target's budget (the script's FUZZTIME).
 */
@EnabledIf("io.mapbench.operator.faults.FaultLevel#full")
class WorkloadFuzzPropertyTest {
    /** The targets issue 10 case 12 names; fuzz.sh may run more. */
    private static final List<String> REQUIRED = List.of("FuzzExtract", "FuzzParseBenchtime", "FuzzRoundTrip");
    /** fuzz.sh's summary line: name, package, ok|FAIL, executions, budget, seconds, seeds, new inputs. */
    private static final Pattern LINE = Pattern.compile("^(Fuzz\\w+)\\s+(\\S+)\\s+(ok|FAIL)\\s+(\\d+|\\?) execs"
            + " \\(budget (\\S+)\\) in (\\d+)s, (\\d+) committed seeds, (\\d+) new inputs$");
    private static final long LIMIT_MINUTES = 20;

    record Target(String name, boolean ok, long executions, int seeds, int newInputs) {
    }

    @Test
    void everyFuzzTargetRunsItsBudgetFromTheCommittedSeedsWithoutFailure() throws Exception {
        String fuzztime = System.getProperty("faults.fuzztime", "").strip();
        FaultCase row = FaultCase.start("12", "Go fuzz targets from their committed seeds (workload/fuzz.sh, "
                + (fuzztime.isEmpty() ? "its execution budgets" : "FUZZTIME=" + fuzztime) + ")");
        try {
            Path out = FaultTable.ROWS.getParent().resolve("fuzz-summary.txt");
            Path err = FaultTable.ROWS.getParent().resolve("fuzz-failures.log");
            Files.createDirectories(out.getParent());
            ProcessBuilder pb = new ProcessBuilder(FaultTable.repoRoot().resolve("workload/fuzz.sh").toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (!fuzztime.isEmpty()) {
                pb.environment().put("FUZZTIME", fuzztime);
            }
            Process p = pb.start();
            if (!p.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                row.expect(false, "fuzz.sh did not finish within %d min", LIMIT_MINUTES);
            }
            int exit = p.isAlive() ? -1 : p.exitValue();

            Map<String, Target> targets = new LinkedHashMap<>();
            List<String> unparsed = new ArrayList<>();
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                System.out.println("FAULT 12 " + line);
                Matcher m = LINE.matcher(line.strip());
                if (!m.matches()) {
                    if (!line.isBlank()) {
                        unparsed.add(line);
                    }
                    continue;
                }
                targets.put(m.group(1), new Target(m.group(1), m.group(3).equals("ok"),
                        m.group(4).equals("?") ? 0 : Long.parseLong(m.group(4)), Integer.parseInt(m.group(7)),
                        Integer.parseInt(m.group(8))));
            }
            List<String> failed = targets.values().stream().filter(t -> !t.ok()).map(Target::name).toList();
            List<String> idle = targets.values().stream().filter(t -> t.executions() == 0).map(Target::name).toList();
            List<String> missing = REQUIRED.stream().filter(n -> !targets.containsKey(n)).toList();
            List<String> seedless = REQUIRED.stream().filter(n -> targets.containsKey(n) && targets.get(n).seeds() == 0).toList();

            row.count("targets", targets.size())
                    .count("executions", targets.values().stream().mapToLong(Target::executions).sum())
                    .count("committed seeds", targets.values().stream().mapToInt(Target::seeds).sum())
                    .count("new inputs", targets.values().stream().mapToInt(Target::newInputs).sum())
                    .count("failures", failed.size()).count("fuzz.sh exit", exit)
                    .expect(exit == 0, "fuzz.sh exited %d (its failing output: operator/%s)", exit, err)
                    .expect(failed.isEmpty(), "fuzz targets failed: %s (a crashing input is left under their testdata/fuzz/)", failed)
                    .expect(idle.isEmpty(), "fuzz targets ran no input: %s", idle)
                    .expect(missing.isEmpty(), "fuzz.sh did not run %s", missing)
                    .expect(seedless.isEmpty(), "no committed seed corpus for %s", seedless)
                    .expect(unparsed.isEmpty(), "fuzz.sh printed lines this case cannot read: %s", unparsed);
            row.finish();
        } catch (Exception | AssertionError e) {
            row.abort(e);
            throw e;
        }
    }
}
