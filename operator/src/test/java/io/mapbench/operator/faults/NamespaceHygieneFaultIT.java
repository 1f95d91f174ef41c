package io.mapbench.operator.faults;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mapbench.testsupport.LocalClusters;
import io.mapbench.testsupport.LocalClustersExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Hygiene (issue 10): after the integration tests and the fault suite no test namespace stays
 * Terminating on any local cluster. Runs last (junit-platform.properties orders classes by
 * {@link Order}); namespaces deleted by the classes before it get two minutes to go, as the
 * namespace controller needs a few seconds per namespace. A namespace that stays names what
 * holds it (its status conditions, e.g. remaining BenchmarkRuns with finalizers).
 */
@Order(Integer.MAX_VALUE)
class NamespaceHygieneFaultIT {
    private static final long PATIENCE_MILLIS = 120_000;

    @Test
    void noTestNamespaceStaysTerminating() throws Exception {
        FaultCase row = FaultCase.start("H", "hygiene: no test namespace left Terminating after the suites");
        LocalClusters local = LocalClusters.ensureRunning();
        List<String> stuck = new ArrayList<>();
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        int seen = 0;
        do {
            stuck.clear();
            for (String cluster : local.names()) {
                try (KubernetesClient client = local.newClient(cluster)) {
                    for (Namespace n : client.namespaces().withLabel(LocalClustersExtension.TEST_NAMESPACE_LABEL, "true").list().getItems()) {
                        if ("Terminating".equals(n.getStatus().getPhase())) {
                            stuck.add(cluster + "/" + n.getMetadata().getName() + " " + n.getStatus().getConditions().stream()
                                    .filter(c -> "True".equals(c.getStatus())).map(c -> c.getType() + ": " + c.getMessage()).toList());
                        }
                    }
                }
            }
            seen = Math.max(seen, stuck.size());
            if (!stuck.isEmpty()) {
                Thread.sleep(2000);
            }
        } while (!stuck.isEmpty() && System.currentTimeMillis() < deadline);
        stuck.forEach(s -> System.out.println("FAULT H still Terminating after 2 min: " + s));
        row.count("Terminating at start", seen).count("Terminating after 2 min", stuck.size())
                .expect(stuck.isEmpty(), "%d namespaces still Terminating: %s", stuck.size(), stuck.stream().map(s -> s.split(" ")[0]).toList());
        row.finish();
    }
}
