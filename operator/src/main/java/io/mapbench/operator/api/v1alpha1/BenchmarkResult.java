package io.mapbench.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The full record of one workload pod: one per run x cluster x Go version. Written once by the
 * operator; owned by its run unless the run says resultRetention: Retain. No status: a record.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Plural("benchmarkresults")
@ShortNames("bres")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Run", jsonPath = ".spec.run", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".spec.cluster", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Go", jsonPath = ".spec.goVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Arch", jsonPath = ".spec.arch", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "NodeArch", jsonPath = ".spec.nodeArch", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Map", jsonPath = ".spec.mapImpl", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Emulation", jsonPath = ".spec.emulation", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class BenchmarkResult extends CustomResource<BenchmarkResultSpec, Void> implements Namespaced {
    public static final String KIND = "BenchmarkResult";
    /** The workload's result document format carried in spec.result. */
    public static final String RESULT_API_VERSION = "mapbench.io/result/v1";
}
