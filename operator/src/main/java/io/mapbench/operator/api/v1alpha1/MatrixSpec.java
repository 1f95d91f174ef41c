package io.mapbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The key type x value type x size matrix; a list left unset keeps the suite's. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MatrixSpec {
    @JsonPropertyDescription("Map key types: int64, string8, string32, string256.")
    @Size(min = 1, max = 4)
    @ValidationRule(value = "self.all(x, self.exists_one(y, y == x))", message = "spec.matrix.keyTypes must not repeat a key type")
    private List<KeyType> keyTypes;

    @JsonPropertyDescription("Map value types: int64, struct16, struct64, struct128, struct256, ptrstruct64, empty.")
    @Size(min = 1, max = 7)
    @ValidationRule(value = "self.all(x, self.exists_one(y, y == x))", message = "spec.matrix.valueTypes must not repeat a value type")
    private List<ValueType> valueTypes;

    @JsonPropertyDescription("Map sizes (number of entries), each from 1 to 10000000.")
    @Size(min = 1, max = 32)
    @ValidationRule(value = "self.all(x, x >= 1 && x <= 10000000)", message = "spec.matrix.sizes: every size must be from 1 to 10000000 (10^7)")
    @ValidationRule(value = "self.all(x, self.exists_one(y, y == x))", message = "spec.matrix.sizes must not repeat a size")
    private List<Long> sizes;

    public List<KeyType> getKeyTypes() {
        return keyTypes;
    }

    public void setKeyTypes(List<KeyType> keyTypes) {
        this.keyTypes = keyTypes;
    }

    public List<ValueType> getValueTypes() {
        return valueTypes;
    }

    public void setValueTypes(List<ValueType> valueTypes) {
        this.valueTypes = valueTypes;
    }

    public List<Long> getSizes() {
        return sizes;
    }

    public void setSizes(List<Long> sizes) {
        this.sizes = sizes;
    }
}
