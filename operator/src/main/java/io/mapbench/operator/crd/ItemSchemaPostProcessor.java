package io.mapbench.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.mapbench.operator.api.v1alpha1.BenchmarkResult;
import io.mapbench.operator.api.v1alpha1.BenchmarkRun;
import io.mapbench.operator.api.v1alpha1.BenchmarkSchedule;
import io.mapbench.operator.api.v1alpha1.ItemSchema;
import io.mapbench.operator.api.v1alpha1.MemberCluster;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs inside the Quarkus build (quarkus.operator-sdk.crd.post-processor) on every generated
 * CRD: copies {@link Pattern} and {@link Size} of int-or-string fields (Quantity), which the
 * generator drops, onto their schema; copies {@link ItemSchema} constraints of list and map fields onto the item (or value)
 * schema, or a property of it, which
 * the Fabric8 generator has no annotation for. Walks the model classes alongside the schema, so
 * the constraints stay declared in the API model. Also restores the declaration order of printer
 * columns (the generator sorts them), so `kubectl get` shows Age last as usual.
 */
public class ItemSchemaPostProcessor implements CRDPostProcessor {
    private static final String MODEL_PACKAGE = BenchmarkRun.class.getPackageName();
    private static final Map<String, Class<?>> KINDS = Map.of(
            BenchmarkRun.KIND, BenchmarkRun.class,
            BenchmarkResult.KIND, BenchmarkResult.class,
            BenchmarkSchedule.KIND, BenchmarkSchedule.class,
            MemberCluster.KIND, MemberCluster.class);

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (!(crd instanceof CustomResourceDefinition definition)) {
            return crd;
        }
        Class<?> kind = KINDS.get(definition.getSpec().getNames().getKind());
        if (kind == null) {
            return crd;
        }
        Type[] specAndStatus = ((ParameterizedType) kind.getGenericSuperclass()).getActualTypeArguments();
        List<String> columnOrder = Stream.of(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
            if (version.getAdditionalPrinterColumns() != null) {
                version.getAdditionalPrinterColumns().sort(Comparator.comparingInt(c -> columnOrder.indexOf(c.getName())));
            }
            Map<String, JSONSchemaProps> root = version.getSchema().getOpenAPIV3Schema().getProperties();
            refine(root.get("spec"), (Class<?>) specAndStatus[0]);
            refine(root.get("status"), (Class<?>) specAndStatus[1]);
        }
        return crd;
    }

    static void refine(JSONSchemaProps schema, Class<?> type) {
        if (schema == null || schema.getProperties() == null || !type.getPackageName().equals(MODEL_PACKAGE)) {
            return;
        }
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            JSONSchemaProps property = schema.getProperties().get(jsonName(field));
            if (property == null) {
                continue;
            }
            if (field.getType() == Quantity.class) {
                intOrString(field, property);
            }
            JSONSchemaProps items = property.getItems() == null ? null : property.getItems().getSchema();
            JSONSchemaProps values = property.getAdditionalProperties() == null ? null : property.getAdditionalProperties().getSchema();
            for (ItemSchema constraints : field.getAnnotationsByType(ItemSchema.class)) {
                JSONSchemaProps target = items != null ? items : values;
                if (target != null && !constraints.property().isEmpty()) {
                    target = target.getProperties() == null ? null : target.getProperties().get(constraints.property());
                }
                if (target == null) {
                    throw new IllegalStateException("@ItemSchema on " + type.getSimpleName() + "." + field.getName()
                            + " needs a list or map field" + (constraints.property().isEmpty() ? ""
                                    : " whose items have the property " + constraints.property()));
                }
                apply(constraints, target);
            }
            Class<?> element = elementType(field);
            refine(items != null ? items : property, element);
        }
    }

    /** Pattern and maxLength of an int-or-string field; they constrain its string form (as in Kubernetes' own CRDs). */
    private static void intOrString(Field field, JSONSchemaProps property) {
        Pattern pattern = field.getAnnotation(Pattern.class);
        if (pattern != null) {
            property.setPattern(pattern.value());
        }
        Size size = field.getAnnotation(Size.class);
        if (size != null && size.max() != Long.MAX_VALUE) {
            property.setMaxLength(size.max());
        }
    }

    private static void apply(ItemSchema constraints, JSONSchemaProps items) {
        if (!constraints.pattern().isEmpty()) {
            items.setPattern(constraints.pattern());
        }
        if (constraints.maxLength() >= 0) {
            items.setMaxLength((long) constraints.maxLength());
        }
        if (constraints.minimum() != Long.MIN_VALUE) {
            items.setMinimum((double) constraints.minimum());
        }
        if (constraints.maximum() != Long.MAX_VALUE) {
            items.setMaximum((double) constraints.maximum());
        }
    }

    private static String jsonName(Field field) {
        JsonProperty renamed = field.getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : field.getName();
    }

    private static Class<?> elementType(Field field) {
        if (List.class.isAssignableFrom(field.getType()) && field.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return field.getType();
    }
}
