package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A key of a Secret in the operator's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {
    @Required
    @JsonPropertyDescription("Name of the Secret (in the operator's namespace).")
    @Pattern(Vocabulary.DNS_SUBDOMAIN_PATTERN)
    @Size(min = 1, max = Vocabulary.DNS_SUBDOMAIN_MAX_LENGTH)
    private String name;

    @JsonPropertyDescription("Key in the Secret's data holding the kubeconfig. Default kubeconfig.")
    @Default("kubeconfig")
    @Size(min = 1, max = 253)
    private String key;

    public SecretKeyRef() {
    }

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
