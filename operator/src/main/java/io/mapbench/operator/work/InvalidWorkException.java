package io.mapbench.operator.work;

import java.util.List;

/**
 * A run asks for work the catalog cannot provide (unknown scenario IDs, a matrix no scenario
 * supports). Each problem reads "field: what is wrong (allowed: ...)"; the message joins them,
 * for the run's InvalidSpec condition.
 */
public class InvalidWorkException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidWorkException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
