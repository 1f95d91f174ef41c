package io.mapbench.operator.admission;

import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.config.GoVersionResolver;
import io.mapbench.operator.execution.Failover;
import io.mapbench.operator.work.Catalog;
import io.mapbench.operator.work.WorkPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the schema cannot check about a run but admission must, before it waits for anything:
 * every Go version resolves to a supported release and the catalog can plan the work. Pure.
 * A run with problems is never placed, holds no capacity and blocks no younger run.
 */
public final class RunValidation {
    private final Catalog catalog;
    private final GoVersionResolver goVersions;

    public RunValidation(Catalog catalog, GoVersionResolver goVersions) {
        this.catalog = catalog;
        this.goVersions = goVersions;
    }

    /** Either the resolved Go versions (1.N.P, in the spec's order) or the problems, each naming its field. */
    public sealed interface Outcome {
        record Valid(List<String> goVersions) implements Outcome {
        }

        record Invalid(List<String> problems) implements Outcome {
            public String message() {
                return String.join("; ", problems);
            }
        }
    }

    public Outcome validate(BenchmarkRun run) {
        List<String> problems = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        List<String> requested = run.getSpec() == null || run.getSpec().getGoVersions() == null ? List.of()
                : run.getSpec().getGoVersions();
        for (int i = 0; i < requested.size(); i++) {
            Optional<String> r = goVersions.resolve(requested.get(i));
            if (r.isPresent()) {
                resolved.add(r.get());
            } else {
                problems.add("spec.goVersions[" + i + "]: '" + requested.get(i) + "' is not supported; supported: "
                        + String.join(", ", goVersions.supported()) + " (or their 1.N prefixes)");
            }
        }
        if (run.getSpec() != null) {
            problems.addAll(WorkPlan.of(catalog, run.getSpec()).problems());
            try {
                Failover.after(run.getSpec());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return problems.isEmpty() ? new Outcome.Valid(List.copyOf(resolved)) : new Outcome.Invalid(List.copyOf(problems));
    }

    public boolean isValid(BenchmarkRun run) {
        return validate(run) instanceof Outcome.Valid;
    }
}
