package io.mapbench.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.DisruptionPolicy;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import java.util.Optional;

/**
 * One PodDisruptionBudget per run and cluster. minAvailable is an INTEGER, the number of the run's
 * pods expected there (one per Go version: each Job runs one pod at a time): Jobs have no scale
 * subresource, so the disruption controller cannot evaluate a percentage or maxUnavailable for
 * their pods, and such a budget would not protect them.
 */
public final class DisruptionBudgetBuilder {

    private DisruptionBudgetBuilder() {
    }

    /**
     * @param expectedPods the run's pods in this cluster (its Go versions)
     * @return empty when the run allows disruption ({@code spec.disruption.policy: Allow})
     */
    public static Optional<PodDisruptionBudget> build(BenchmarkRun run, MemberCluster cluster, int expectedPods,
            DispatchSettings settings) {
        if (expectedPods < 1) {
            throw new IllegalArgumentException("expectedPods: " + expectedPods + " (a budget needs at least one pod)");
        }
        var disruption = run.getSpec().getDisruption();
        if (disruption != null && disruption.getPolicy() == DisruptionPolicy.Allow) {
            return Optional.empty();
        }
        RunRef ref = RunRef.of(settings.hub(), run);
        String clusterName = cluster.getMetadata().getName();
        return Optional.of(new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                    .withName(RemoteNames.disruptionBudgetName(ref, clusterName))
                    .withNamespace(WorkloadJobBuilder.namespace(cluster))
                    .withLabels(RemoteLabels.of(ref, RemoteLabels.COMPONENT_DISRUPTION_BUDGET, clusterName, null))
                    .withAnnotations(RemoteAnnotations.of(run, clusterName))
                .endMetadata()
                .withNewSpec()
                    .withMinAvailable(new IntOrString(expectedPods))
                    .withNewSelector().withMatchLabels(RemoteLabels.benchmarkPodSelector(ref)).endSelector()
                .endSpec()
                .build());
    }
}
