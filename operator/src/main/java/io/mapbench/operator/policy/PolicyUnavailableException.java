package io.mapbench.operator.policy;

/**
 * The admission policy could not give a decision: module or data missing, corrupt or
 * incompatible, a builtin the module needs is not provided, or evaluation failed. Callers must
 * fail closed on it (create nothing, {@code Admitted=Unknown} with reason
 * {@code PolicyUnavailable} and this message, retry) and never treat it as "allowed".
 */
public class PolicyUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public PolicyUnavailableException(String message) {
        super(message);
    }

    public PolicyUnavailableException(String message, Throwable cause) {
        super(message + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }
}
