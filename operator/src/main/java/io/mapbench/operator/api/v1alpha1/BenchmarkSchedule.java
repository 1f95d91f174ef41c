package io.mapbench.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Runs a BenchmarkRun template on a cron schedule (or on demand with the mapbench.io/run-now
 * annotation), compares each run with a baseline and watches the history for change points.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Plural("benchmarkschedules")
@ShortNames("bs")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Suspend", jsonPath = ".spec.suspend", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Active", jsonPath = ".status.activeRuns", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last Schedule", jsonPath = ".status.lastScheduleTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Regressed", jsonPath = ".status.conditions[?(@.type==\"Regressed\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
// Run names are <schedule>-<yyyyMMddHHmm> and <schedule>-now-<8 hex>: 13 characters more than the
// schedule's name, and a run name is at most 40 (schedule.ScheduledRunNames).
@ValidationRule(value = "size(self.metadata.name) <= 27",
        message = "metadata.name must be at most 27 characters: the runs of a schedule are named <schedule>-<yyyyMMddHHmm>"
                + " and run names are at most 40 characters")
public class BenchmarkSchedule extends CustomResource<BenchmarkScheduleSpec, BenchmarkScheduleStatus> implements Namespaced {
    public static final String KIND = "BenchmarkSchedule";
}
