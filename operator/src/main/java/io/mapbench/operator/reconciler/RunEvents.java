package io.mapbench.operator.reconciler;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;

/**
 * Kubernetes Events on a run (kubectl describe shows them). Best effort and off the reconcile
 * path: events are built at once (from the run as it was written) and sent by one background
 * thread through a bounded queue, so a slow hub never slows dispatch; when the queue is full an
 * event is dropped with a log line, as client-go's broadcaster does.
 */
final class RunEvents implements AutoCloseable {
    static final String NORMAL = "Normal";
    static final String WARNING = "Warning";
    static final String COMPONENT = "mapbench-operator";
    static final int QUEUE = 1000;
    private static final Logger LOG = Logger.getLogger(RunEvents.class);

    private final KubernetesClient hub;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "mapbench-run-events");
                t.setDaemon(true);
                return t;
            });

    RunEvents(KubernetesClient hub) {
        this.hub = hub;
    }

    void record(BenchmarkRun run, String type, String reason, String message) {
        String ns = run.getMetadata().getNamespace();
        Event event = event(run, type, reason, message);
        try {
            sender.execute(() -> send(ns, event));
        } catch (RejectedExecutionException full) {
            LOG.warnf("event queue full: dropped %s on %s/%s", reason, ns, run.getMetadata().getName());
        }
    }

    private void send(String ns, Event event) {
        try {
            hub.v1().events().inNamespace(ns).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s on %s/%s: %s", event.getReason(), ns,
                    event.getInvolvedObject().getName(), e.getMessage());
        }
    }

    static Event event(BenchmarkRun run, String type, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String ns = run.getMetadata().getNamespace();
        return new EventBuilder()
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
                .build();
    }

    /** Sends what is queued (bounded wait) and stops. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
