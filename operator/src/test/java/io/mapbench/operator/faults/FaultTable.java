package io.mapbench.operator.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The reliability table. Each finished case stores its row as target/faults/rows/&lt;id&gt;.json
 * (so surefire's property test and failsafe's ITs feed one table, and re-running one case
 * replaces only its row); after each row the whole table is rendered to
 * target/faults/reliability.md and, with -Dfaults.write-doc=true (`make faults`), to
 * docs/reliability.md with the date and the machine's facts.
 */
final class FaultTable {
    static final Path ROWS = Path.of("target/faults/rows");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private FaultTable() {
    }

    static synchronized void record(FaultRow row) {
        System.out.println(row.line());
        try {
            Files.createDirectories(ROWS);
            JSON.writeValue(ROWS.resolve(row.id() + ".json").toFile(), row);
            String table = render(rows(), FaultLevel.current().name().toLowerCase(java.util.Locale.ROOT));
            Files.writeString(ROWS.getParent().resolve("reliability.md"), table);
            if (Boolean.getBoolean("faults.write-doc")) {
                Files.writeString(repoRoot().resolve("docs/reliability.md"), table);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the fault table", e);
        }
    }

    static List<FaultRow> rows() throws IOException {
        if (!Files.isDirectory(ROWS)) {
            return List.of();
        }
        List<FaultRow> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROWS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                rows.add(JSON.readValue(f.toFile(), FaultRow.class));
            }
        }
        rows.sort(Comparator.comparingInt((FaultRow r) -> r.id().matches("\\d.*") ? Integer.parseInt(r.id().replaceAll("\\D.*", "")) : 99)
                .thenComparing(FaultRow::id));
        return rows;
    }

    static String render(List<FaultRow> rows, String level) {
        StringBuilder md = new StringBuilder();
        md.append("# Reliability: the fault suite's figures\n\n");
        md.append("Written by `make faults` (operator/src/test/java/io/mapbench/operator/faults/, issue 10) from the\n")
                .append("latest run of each case. Every case runs the real operator jar against the local clusters\n")
                .append("(deploy/local) with the real workload and policy, injects its fault and then **counts**:\n")
                .append("runs created and runs that reached a finished phase, remote Jobs beyond one per\n")
                .append("(run, cluster, Go version) by UID, jobs Succeeded without a BenchmarkResult (lost) and\n")
                .append("BenchmarkResults beyond one per job (duplicate), remote objects of deleted runs (orphans).\n")
                .append("`-` means the count does not apply to the case. A FAIL row names what did not hold and the\n")
                .append("defect behind it (issue 11 lists them); it is shown, not hidden.\n\n");
        md.append("- generated: ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(" (level `").append(level).append("`)\n");
        md.append("- machine: ").append(MachineFacts.describe()).append("\n");
        wallTime(rows).ifPresent(d -> md.append("- wall time of the cases: ").append(d.toMinutes()).append(" min ")
                .append(d.toSecondsPart()).append(" s, from the first case's start to the last one's end (the cases that"
                        + " fault only their own operator and namespace run two at a time; the row times add up to more)\n"));
        long passed = rows.stream().filter(FaultRow::passed).count();
        md.append("- rows: ").append(rows.size()).append(", passing ").append(passed).append(", failing ")
                .append(rows.size() - passed).append("\n\n");
        md.append("| case | fault | runs | terminal | dup Jobs | lost results | dup results | orphans | other counts | time | result |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (FaultRow r : rows) {
            md.append("| ").append(r.id()).append(" | ").append(cell(r.title())).append(" | ").append(FaultRow.dash(r.runs()))
                    .append(" | ").append(FaultRow.dash(r.terminal())).append(" | ").append(FaultRow.dash(r.duplicateJobs()))
                    .append(" | ").append(FaultRow.dash(r.lostResults())).append(" | ").append(FaultRow.dash(r.duplicateResults()))
                    .append(" | ").append(FaultRow.dash(r.orphans())).append(" | ").append(cell(r.otherText()))
                    .append(" | ").append(String.format("%.0f s", r.seconds())).append(" | ")
                    .append(r.passed() ? "PASS" : "**FAIL**: " + cell(String.join("; ", r.failures()))).append(" |\n");
        }
        return md.toString();
    }

    /** From the earliest row's start (recorded end minus its time) to the latest row's end. */
    static Optional<Duration> wallTime(List<FaultRow> rows) {
        Instant first = null;
        Instant last = null;
        for (FaultRow r : rows) {
            Instant end = Instant.parse(r.recordedAt());
            Instant start = end.minusMillis((long) (r.seconds() * 1000));
            first = first == null || start.isBefore(first) ? start : first;
            last = last == null || end.isAfter(last) ? end : last;
        }
        return first == null ? Optional.empty() : Optional.of(Duration.between(first, last));
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    static Path repoRoot() {
        String root = System.getProperty("mapbench.repo.root");
        if (root != null && !root.isBlank()) {
            return Path.of(root);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/local/clusters.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }

    static String readText(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
