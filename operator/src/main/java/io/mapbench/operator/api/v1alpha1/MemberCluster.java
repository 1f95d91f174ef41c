package io.mapbench.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A cluster that runs benchmark Jobs for this hub (cluster-scoped). Its metadata.labels drive
 * placement, e.g. mapbench.io/tier: cloud|edge.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Plural("memberclusters")
@ShortNames("mc")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".status.kubernetesVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Distribution", jsonPath = ".status.distribution", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Archs", jsonPath = ".status.architectures", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class MemberCluster extends CustomResource<MemberClusterSpec, MemberClusterStatus> {
    public static final String KIND = "MemberCluster";
    /** Placement label: cloud or edge. */
    public static final String TIER_LABEL = "mapbench.io/tier";
}
