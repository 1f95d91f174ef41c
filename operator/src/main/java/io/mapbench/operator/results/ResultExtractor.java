package io.mapbench.operator.results;

import java.nio.charset.StandardCharsets;

/**
 * Finds the one-line JSON result document between the workload's marker lines in a pod log
 * (DESIGN.md "Workload contract"): benchmark text, then
 * {@code --- BEGIN mapbench.io/result/v1 ---}, the document on ONE line,
 * {@code --- END mapbench.io/result/v1 ---}.
 */
public final class ResultExtractor {
    public static final String BEGIN = "--- BEGIN mapbench.io/result/v1 ---";
    public static final String END = "--- END mapbench.io/result/v1 ---";
    /** The contract's limit: a document is at most 1 MiB. */
    public static final long DEFAULT_MAX_BYTES = 1024L * 1024L;

    private ResultExtractor() {
    }

    /**
     * @param maxBytes largest accepted document, in UTF-8 bytes
     * @return the document line
     * @throws ResultDocumentException when markers are missing, repeated or misplaced, or the
     *     document is empty or over the size limit
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
        if (begin + 2 >= lines.length || !stripCr(lines[begin + 2]).equals(END)) {
            throw new ResultDocumentException("markers", "the line after the document (line " + (begin + 3)
                    + ") is not \"" + END + "\": the document must be exactly one line (truncated log?)");
        }
        String document = stripCr(lines[begin + 1]);
        if (document.isBlank()) {
            throw new ResultDocumentException("document", "empty line between the markers");
        }
        long size = document.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw new ResultDocumentException("size", size + " bytes, over the limit of " + maxBytes + " bytes");
        }
        return document;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
