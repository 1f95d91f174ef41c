package io.mapbench.operator.reconciler;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;

/**
 * Kubernetes Events on a run (kubectl describe shows them). Recording an Event is best effort: a
 * failure is logged and never fails the reconcile that made the transition.
 */
final class RunEvents {
    static final String NORMAL = "Normal";
    static final String WARNING = "Warning";
    static final String COMPONENT = "mapbench-operator";
    private static final Logger LOG = Logger.getLogger(RunEvents.class);

    private final KubernetesClient hub;

    RunEvents(KubernetesClient hub) {
        this.hub = hub;
    }

    void record(BenchmarkRun run, String type, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String ns = run.getMetadata().getNamespace();
        try {
            hub.v1().events().inNamespace(ns).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(run.getMetadata().getName() + ".").withNamespace(ns).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder()
                            .withApiVersion(run.getApiVersion()).withKind(run.getKind())
                            .withName(run.getMetadata().getName()).withNamespace(ns)
                            .withUid(run.getMetadata().getUid()).withResourceVersion(run.getMetadata().getResourceVersion())
                            .build())
                    .withType(type).withReason(reason)
                    .withMessage(message.length() > 1000 ? message.substring(0, 1000) + "..." : message)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s on %s/%s: %s", reason, ns, run.getMetadata().getName(), e.getMessage());
        }
    }
}
