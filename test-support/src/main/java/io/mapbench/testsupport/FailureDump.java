package io.mapbench.testsupport;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a developer needs after a failed integration test, per cluster: every mapbench.io object
 * (namespaced ones in the test namespace, cluster-scoped ones in full), the namespace's events
 * in time order, and each pod's status and log. Written to one file per cluster; best effort,
 * so a dump problem never hides the test's own failure.
 */
final class FailureDump {
    static final String GROUP = "mapbench.io";
    private static final int LOG_TAIL_LINES = 200;
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private final TestClusters clusters;
    private final Path dir;

    FailureDump(TestClusters clusters, Path dir) {
        this.clusters = clusters;
        this.dir = dir;
    }

    void write() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            System.err.println("test-support: cannot create " + dir + ": " + e.getMessage());
            return;
        }
        for (String cluster : clusters.names()) {
            StringBuilder out = new StringBuilder();
            KubernetesClient client = clusters.client(cluster);
            section(out, "mapbench.io resources", () -> customResources(client, out));
            section(out, "events in " + clusters.namespace(), () -> events(client, out));
            section(out, "pods in " + clusters.namespace(), () -> pods(client, out));
            Path file = dir.resolve(cluster + ".txt");
            try {
                Files.writeString(file, out);
                System.err.println("test-support: dumped " + cluster + " to " + file.toAbsolutePath());
            } catch (IOException e) {
                System.err.println("test-support: cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    private static void section(StringBuilder out, String title, Runnable body) {
        out.append("==== ").append(title).append(" ====\n");
        try {
            body.run();
        } catch (RuntimeException e) {
            out.append("(could not read: ").append(e.getMessage()).append(")\n");
        }
        out.append('\n');
    }

    private void customResources(KubernetesClient client, StringBuilder out) {
        List<String> versions = client.getApiGroups().getGroups().stream()
                .filter(g -> GROUP.equals(g.getName()))
                .flatMap(g -> g.getVersions().stream().map(v -> v.getGroupVersion()))
                .toList();
        if (versions.isEmpty()) {
            out.append("(no mapbench.io CRDs installed)\n");
        }
        for (String groupVersion : versions) {
            APIResourceList resources = client.getApiResources(groupVersion);
            for (APIResource resource : resources.getResources()) {
                if (resource.getName().contains("/")) {
                    continue; // subresources such as benchmarkruns/status
                }
                ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                        .withGroup(GROUP).withVersion(groupVersion.substring(GROUP.length() + 1))
                        .withKind(resource.getKind()).withPlural(resource.getName())
                        .withNamespaced(Boolean.TRUE.equals(resource.getNamespaced())).build();
                List<GenericKubernetesResource> items = Boolean.TRUE.equals(resource.getNamespaced())
                        ? client.genericKubernetesResources(context).inNamespace(clusters.namespace()).list().getItems()
                        : client.genericKubernetesResources(context).list().getItems();
                out.append("-- ").append(resource.getName()).append(": ").append(items.size()).append('\n');
                for (GenericKubernetesResource item : items) {
                    item.getMetadata().setManagedFields(null);
                    out.append(YAML.asYaml(item));
                }
            }
        }
    }

    private void events(KubernetesClient client, StringBuilder out) {
        List<Event> events = client.v1().events().inNamespace(clusters.namespace()).list().getItems().stream()
                .sorted(Comparator.comparing(FailureDump::eventTime, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        for (Event e : events) {
            out.append(eventTime(e)).append(' ').append(e.getType()).append(' ').append(e.getReason()).append(' ')
                    .append(e.getInvolvedObject().getKind()).append('/').append(e.getInvolvedObject().getName())
                    .append(": ").append(e.getMessage()).append('\n');
        }
    }

    private static String eventTime(Event e) {
        if (e.getLastTimestamp() != null) {
            return e.getLastTimestamp();
        }
        return e.getEventTime() != null ? e.getEventTime().getTime() : e.getMetadata().getCreationTimestamp();
    }

    private void pods(KubernetesClient client, StringBuilder out) {
        for (Pod pod : client.pods().inNamespace(clusters.namespace()).list().getItems()) {
            String name = pod.getMetadata().getName();
            out.append("-- pod ").append(name).append(" phase=").append(pod.getStatus().getPhase())
                    .append(" node=").append(pod.getSpec().getNodeName()).append('\n');
            for (ContainerStatus status : Objects.requireNonNullElse(pod.getStatus().getContainerStatuses(),
                    List.<ContainerStatus>of())) {
                out.append("   container ").append(status.getName()).append(": ").append(YAML.asJson(status.getState()))
                        .append('\n');
                try {
                    String log = client.pods().inNamespace(clusters.namespace()).withName(name)
                            .inContainer(status.getName()).tailingLines(LOG_TAIL_LINES).getLog();
                    out.append("   log (last ").append(LOG_TAIL_LINES).append(" lines):\n").append(log).append('\n');
                } catch (RuntimeException e) {
                    out.append("   (log unavailable: ").append(e.getMessage()).append(")\n");
                }
            }
        }
    }
}
