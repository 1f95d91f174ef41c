package io.mapbench.operator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultTableTest {

    private static FaultRow row(String id, double seconds, String endedAt) {
        return new FaultRow(id, "t", null, null, null, null, null, null, Map.of(), seconds, List.of(), endedAt);
    }

    @Test
    void wallTimeSpansFromTheFirstStartToTheLastEndOfOverlappingCases() {
        // 1 runs 10:00:00-10:05:00 beside 7 (10:01:00-10:04:00); then 2 alone 10:05:00-10:08:20.
        List<FaultRow> rows = List.of(row("1", 300, "2026-12-07T10:05:00Z"), row("7", 180, "2026-12-07T10:04:00Z"),
                row("2", 200, "2026-12-07T10:08:20Z"));
        assertThat(FaultTable.wallTime(rows)).contains(Duration.ofSeconds(500));
        assertThat(FaultTable.render(rows, "full")).contains("- wall time of the cases: 8 min 20 s");
    }

    @Test
    void noRowsNoWallTime() {
        assertThat(FaultTable.wallTime(List.of())).isEmpty();
    }
}
