package io.mapbench.operator.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

class MemberConnectionTest {

    @Test
    void failedConstructionClosesTheClientInsteadOfLeakingIt() {
        // Nothing listens on port 1: the informers must not get as far as a request anyway.
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build();
        // A null namespace makes the informer set-up throw (Fabric8: "namespace cannot be null").
        assertThatThrownBy(() -> MemberConnection.open("m", null, "digest", "https://127.0.0.1:1", client, "hub",
                (cluster, run) -> {
                })).isInstanceOf(RuntimeException.class);
        assertThat(client.getHttpClient().isClosed()).as("client closed after the failed construction").isTrue();
    }
}
