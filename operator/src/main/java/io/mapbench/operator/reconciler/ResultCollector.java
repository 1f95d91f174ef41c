package io.mapbench.operator.reconciler;

import java.net.HttpURLConnection;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.results.BenchmarkResultBuilder;
import io.mapbench.operator.results.ResultDocument;
import io.mapbench.operator.results.ResultDocumentException;
import io.mapbench.operator.results.ResultReader;
import io.mapbench.operator.remote.RemoteClusterGateway;

/**
 * Step 6 of a run: the log of a succeeded workload pod -> validated result document -> the
 * BenchmarkResult on the hub, created exactly once. The result's name is deterministic, so a
 * second attempt (operator restarted between creating it and recording it in status) meets a
 * conflict and keeps the first object instead of duplicating it.
 */
final class ResultCollector {
    private final RemoteClusterGateway gateway;
    private final KubernetesClient hub;
    private final ResultReader reader;

    ResultCollector(RemoteClusterGateway gateway, KubernetesClient hub, ResultReader reader) {
        this.gateway = gateway;
        this.hub = hub;
        this.reader = reader;
    }

    sealed interface Outcome {
        /** The BenchmarkResult exists (created now or by an earlier attempt). */
        record Collected(String resultName, boolean created, ResultDocument document) implements Outcome {
        }

        /** The pod's output is not an acceptable result document: that job fails, nothing else. */
        record Invalid(String message) implements Outcome {
        }
    }

    /** Reads and stores the result; throws when the member or the hub cannot be reached (retried). */
    Outcome collect(String hubId, BenchmarkRun run, String cluster, String goVersion, Pod pod, String nodeArch) {
        String log = gateway.podLog(cluster, pod.getMetadata().getName());
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
            throw e;
        }
    }
}
