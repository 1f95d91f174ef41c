package io.mapbench.operator.api.v1alpha1;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Schema constraints for the ITEMS of a list field, or the VALUES of a map field (the Fabric8
 * annotations only constrain the field itself); with {@link #property()}, for one property of
 * object items (e.g. the string fields of Kubernetes' own Toleration). Repeatable. Bounded item
 * lengths matter beyond validation: the API server refuses CEL rules whose estimated cost is
 * unbounded, and an unbounded string lets a 100 KB value through to every member. Applied to the
 * generated CRD by {@code io.mapbench.operator.crd.ItemSchemaPostProcessor}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD })
@Repeatable(ItemSchema.List.class)
public @interface ItemSchema {
    /** Property of each object item the constraints apply to; empty for the item itself. */
    String property() default "";

    /** ECMA regular expression every string item must match; empty for none. */
    String pattern() default "";

    /** Maximum length of every string item; negative for none. */
    int maxLength() default -1;

    /** Inclusive minimum of every numeric item; {@link Long#MIN_VALUE} for none. */
    long minimum() default Long.MIN_VALUE;

    /** Inclusive maximum of every numeric item; {@link Long#MAX_VALUE} for none. */
    long maximum() default Long.MAX_VALUE;

    /** Holder of repeated {@link ItemSchema} annotations. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.FIELD })
    @interface List {
        ItemSchema[] value();
    }
}
