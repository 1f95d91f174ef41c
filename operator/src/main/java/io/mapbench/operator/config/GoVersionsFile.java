package io.mapbench.operator.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The format of workload/go-versions.txt: one `1.N.P` per line; `#` starts a comment; blank lines
 * are ignored. Parsing is strict so a typo fails the operator at start, naming the line.
 */
public record GoVersionsFile(List<String> versions) {
    private static final Pattern RELEASE = Pattern.compile("^1\\.[0-9]+\\.[0-9]+$");

    public static GoVersionsFile parse(String text) {
        List<String> versions = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String value = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (value.isEmpty()) {
                continue;
            }
            if (!RELEASE.matcher(value).matches()) {
                throw new IllegalArgumentException("go-versions.txt line " + (i + 1) + ": '" + value
                        + "' is not a Go release; expected 1.N.P such as 1.26.8");
            }
            if (versions.contains(value)) {
                throw new IllegalArgumentException("go-versions.txt line " + (i + 1) + ": " + value + " is listed twice");
            }
            versions.add(value);
        }
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("go-versions.txt lists no Go release; expected lines like 1.26.8");
        }
        return new GoVersionsFile(List.copyOf(versions));
    }
}
