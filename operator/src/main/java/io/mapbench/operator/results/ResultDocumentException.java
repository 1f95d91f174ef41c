package io.mapbench.operator.results;

/**
 * A result document that cannot be accepted. The message has the shape the job status shows:
 * {@code result document: <field>: <problem>}. It fails that job only (DESIGN.md step 6).
 */
public class ResultDocumentException extends RuntimeException {
    private final String field;
    private final String problem;

    public ResultDocumentException(String field, String problem) {
        super("result document: " + field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
