package io.mapbench.operator.results;

import java.nio.charset.StandardCharsets;

/**
 * Finds the JSON result document between the workload's marker lines in a pod log (DESIGN.md
 * "Workload contract"): benchmark text, then {@code --- BEGIN mapbench.io/result/v1 ---}, the
 * document, {@code --- END mapbench.io/result/v1 ---}. The document is either split into lines
 * that each start with {@value #LINE_PREFIX} (at most 4 KiB each, so benchstat can read the raw
 * output; the pieces are joined after the prefix) or, as older workloads print it, on one line
 * starting with <code>{</code>.
 */
public final class ResultExtractor {
    public static final String BEGIN = "--- BEGIN mapbench.io/result/v1 ---";
    public static final String END = "--- END mapbench.io/result/v1 ---";
    /** Prefix of each document line of the bounded-line form. */
    public static final String LINE_PREFIX = "# ";
    /** The contract's limit: a document is at most 1 MiB. */
    public static final long DEFAULT_MAX_BYTES = 1024L * 1024L;

    private ResultExtractor() {
    }

    /**
     * @param maxBytes largest accepted document, in UTF-8 bytes
     * @return the document
     * @throws ResultDocumentException when markers are missing, repeated or misplaced, a line
     *     between them has neither form, or the document is empty or over the size limit
     */
    public static String extract(String log, long maxBytes) {
        if (log == null || log.isEmpty()) {
            throw new ResultDocumentException("markers", "the pod log is empty (expected the line \"" + BEGIN + "\")");
        }
        String[] lines = log.split("\n", -1);
        int begin = -1;
        for (int i = 0; i < lines.length; i++) {
            if (stripCr(lines[i]).equals(BEGIN)) {
                if (begin >= 0) {
                    throw new ResultDocumentException("markers", "the line \"" + BEGIN + "\" appears more than once (lines "
                            + (begin + 1) + " and " + (i + 1) + "); a pod prints exactly one document");
                }
                begin = i;
            }
        }
        if (begin < 0) {
            throw new ResultDocumentException("markers", "no line \"" + BEGIN
                    + "\" in the pod log: the workload did not print a result document");
        }
        int end = -1;
        for (int i = begin + 1; i < lines.length && end < 0; i++) {
            if (stripCr(lines[i]).equals(END)) {
                end = i;
            }
        }
        if (end < 0) {
            throw new ResultDocumentException("markers", "no line \"" + END + "\" after the line \"" + BEGIN + "\" (line "
                    + (begin + 1) + "): the document is incomplete (truncated log?)");
        }
        String document = join(lines, begin + 1, end, maxBytes);
        long size = document.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw new ResultDocumentException("size", size + " bytes, over the limit of " + maxBytes + " bytes");
        }
        return document;
    }

    /** Joins lines [from, to) of either form; stops early once the pieces exceed maxBytes. */
    private static String join(String[] lines, int from, int to, long maxBytes) {
        if (to == from) {
            throw new ResultDocumentException("document", "no document between the markers");
        }
        String first = stripCr(lines[from]);
        if (to - from == 1 && first.strip().startsWith("{")) {
            return first.strip(); // one-line form of older workloads
        }
        StringBuilder doc = new StringBuilder();
        for (int i = from; i < to; i++) {
            String line = stripCr(lines[i]);
            if (!line.startsWith(LINE_PREFIX)) {
                throw new ResultDocumentException("document", "line " + (i + 1) + " between the markers starts with neither \""
                        + LINE_PREFIX + "\" nor (as the only line) \"{\"");
            }
            doc.append(line, LINE_PREFIX.length(), line.length());
            if (doc.length() > maxBytes) { // chars <= UTF-8 bytes: already over the limit
                break;
            }
        }
        if (doc.toString().isBlank()) {
            throw new ResultDocumentException("document", "empty document between the markers");
        }
        return doc.toString();
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
