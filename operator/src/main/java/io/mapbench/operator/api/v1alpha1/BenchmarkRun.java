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
 * A request to run Go map-iteration benchmarks on member clusters. The spec is what the user
 * wants; the status is what the operator admitted, placed and measured.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Plural("benchmarkruns")
@ShortNames("br")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Suite", jsonPath = ".spec.suite", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Clusters", jsonPath = ".status.assignment.clusters", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Jobs", jsonPath = ".status.jobsSummary", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
// A rule on spec cannot see status, so the immutability rule lives at the root of the object.
@ValidationRule(value = "!has(oldSelf.spec) || self.spec == oldSelf.spec || !has(oldSelf.status) || !has(oldSelf.status.phase)"
        + " || oldSelf.status.phase in ['Pending', 'Denied']",
        message = "spec is immutable once the run has been admitted (status.phase is not Pending or Denied);"
                + " delete the run and create a new one to change it",
        fieldPath = ".spec", reason = "FieldValueForbidden")
@ValidationRule(value = "size(self.metadata.name) <= 40",
        message = "metadata.name must be at most 40 characters: it becomes part of Job and PodDisruptionBudget names in member clusters")
public class BenchmarkRun extends CustomResource<BenchmarkRunSpec, BenchmarkRunStatus> implements Namespaced {
    public static final String KIND = "BenchmarkRun";
}
