package io.mapbench.operator.execution;

import java.net.HttpURLConnection;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.remote.RemoteClusterGateway;
import io.mapbench.operator.results.BenchmarkResultBuilder;
import io.mapbench.operator.results.ResultDocument;
import io.mapbench.operator.results.ResultDocumentException;
import io.mapbench.operator.results.ResultReader;

/**
 * Step 6 of a run: the log of a succeeded workload pod -> validated result document -> the
 * BenchmarkResult on the hub, created exactly once. The result's name is deterministic, so a
 * second attempt (operator restarted between creating it and recording it in status) meets a
 * conflict and keeps the first object instead of duplicating it. The log read is bounded: a pod
 * cannot make the operator read more than the document limit plus a margin for the text around it.
 */
final class ResultCollector {
    /** Room for the benchmark text lines printed before the document. */
    static final long LOG_MARGIN_BYTES = 256 * 1024;

    private final RemoteClusterGateway gateway;
    private final KubernetesClient hub;
    private final ResultReader reader;
    private final long logLimitBytes;

    ResultCollector(RemoteClusterGateway gateway, KubernetesClient hub, ResultReader reader, long documentLimitBytes) {
        this.gateway = gateway;
        this.hub = hub;
        this.reader = reader;
        this.logLimitBytes = documentLimitBytes + LOG_MARGIN_BYTES;
    }

    sealed interface Outcome {
        /** The BenchmarkResult exists (created now or by an earlier attempt). */
        record Collected(String resultName, boolean created, ResultDocument document) implements Outcome {
        }

        /** The pod's output is not an acceptable result document: that job fails, nothing else. */
        record Invalid(String message) implements Outcome {
        }

        /** The log could not be read (pod gone, member error): try again, a bounded number of times. */
        record Unreadable(String message) implements Outcome {
        }
    }

    /**
     * Reads and stores the result. A member that cannot deliver the log gives {@link Outcome.Unreadable};
     * a hub that cannot store the result throws (retried: the member is not to blame).
     */
    Outcome collect(String hubId, BenchmarkRun run, String cluster, String goVersion, Pod pod, String nodeArch) {
        String log;
        try {
            log = gateway.podLog(cluster, pod.getMetadata().getName(), (int) Math.min(Integer.MAX_VALUE, logLimitBytes));
        } catch (KubernetesClientException e) {
            return new Outcome.Unreadable("log of pod " + pod.getMetadata().getName() + " in " + cluster
                    + " could not be read: " + (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "") + e.getMessage());
        }
        ResultDocument document;
        try {
            document = reader.read(log == null ? "" : log);
        } catch (ResultDocumentException e) {
            return new Outcome.Invalid(e.getMessage());
        }
        BenchmarkResult result = BenchmarkResultBuilder.build(hubId, run, cluster, goVersion,
                pod.getSpec() == null ? null : pod.getSpec().getNodeName(), nodeArch, document);
        String name = result.getMetadata().getName();
        try {
            hub.resources(BenchmarkResult.class).inNamespace(run.getMetadata().getNamespace()).resource(result).create();
            return new Outcome.Collected(name, true, document);
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return new Outcome.Collected(name, false, document);
            }
            throw new HubException("storing BenchmarkResult " + name + " failed: " + e.getMessage(), e);
        }
    }
}
