package io.mapbench.operator.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

class PrunedItemStoreTest {

    @Test
    void podsKeepMetadataStatusAndNodeNameButNotManagedFieldsOrTheRestOfTheSpec() {
        PrunedItemStore<Pod> store = PrunedItemStore.pods();
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").addToLabels("mapbench.io/run-uid", "u1")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubelet").withOperation("Update").build())
                .endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("c").withImage("i")
                .withArgs(List.of("a".repeat(1000))).endContainer().endSpec()
                .withNewStatus().withPhase("Succeeded").endStatus().build();

        store.put(store.getKey(pod), pod);

        Pod cached = store.get("ns/p");
        assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(cached.getMetadata().getLabels()).containsEntry("mapbench.io/run-uid", "u1");
        assertThat(cached.getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(cached.getSpec().getContainers()).isEmpty();
        assertThat(cached.getStatus().getPhase()).isEqualTo("Succeeded");
    }

    @Test
    void otherKindsKeepTheirSpecAndLoseOnlyManagedFields() {
        PrunedItemStore<Job> store = new PrunedItemStore<>();
        Job job = new JobBuilder().withNewMetadata().withName("j").withNamespace("ns")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("mapbench-operator").withOperation("Apply")
                        .build())
                .endMetadata().withNewSpec().withBackoffLimit(2).endSpec().build();

        store.put(store.getKey(job), job);

        Job cached = store.get("ns/j");
        assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(cached.getSpec().getBackoffLimit()).isEqualTo(2);
    }
}
