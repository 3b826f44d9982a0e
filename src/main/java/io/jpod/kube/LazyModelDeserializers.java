package io.jpod.kube;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Builds the deserializer of a Kubernetes model type only when a document has a value of that type.
 *
 * <p>Jackson builds a bean's deserializer together with those of all its properties, transitively: reading a
 * Pod introspected the whole model reachable from it (every volume source, probe, affinity term... some
 * hundreds of classes, their fields, methods and annotations), about a third of the CPU of {@code kube play}
 * (bench/README.md, item 11), though a document uses a few dozen of them. Here each property whose value is
 * a model class (or a collection or map of them) gets a stand-in that finds the real deserializer the first
 * time the property has a value, so a run pays for the types its documents hold.
 */
final class LazyModelDeserializers extends ValueDeserializerModifier {
    private static final String MODEL_PACKAGE = "io.fabric8.";

    static SimpleModule module() {
        return new SimpleModule("jpod-lazy-model").setDeserializerModifier(new LazyModelDeserializers());
    }

    @Override
    public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription.Supplier beanDesc,
            BeanDeserializerBuilder builder) {
        List<SettableBeanProperty> lazy = new ArrayList<>();
        builder.getProperties().forEachRemaining(p -> {
            if (!p.hasValueDeserializer() && holdsModel(p.getType())) {
                lazy.add(p.withValueDeserializer(new Deferred(p)));
            }
        });
        lazy.forEach(p -> builder.addOrReplaceProperty(p, true));
        return builder;
    }

    /** A model class, or a container whose content (transitively) is one. */
    static boolean holdsModel(JavaType type) {
        if (type.isContainerType()) {
            return type.getContentType() != null && holdsModel(type.getContentType());
        }
        return !type.isEnumType() && type.getRawClass().getName().startsWith(MODEL_PACKAGE);
    }

    /** Stands in for a property's deserializer until the property first has a value. */
    private static final class Deferred extends ValueDeserializer<Object> {
        private final SettableBeanProperty property;
        private volatile ValueDeserializer<Object> real;

        Deferred(SettableBeanProperty property) {
            this.property = property;
        }

        private ValueDeserializer<Object> real(DeserializationContext ctxt) {
            if (real == null) {
                real = ctxt.findContextualValueDeserializer(property.getType(), property);
            }
            return real;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            return real(ctxt).deserialize(p, ctxt);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt, Object intoValue) {
            return real(ctxt).deserialize(p, ctxt, intoValue);
        }

        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer) {
            return real(ctxt).deserializeWithType(p, ctxt, typeDeserializer);
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            return real(ctxt).getNullValue(ctxt);
        }

        @Override
        public Class<?> handledType() {
            return property.getType().getRawClass();
        }
    }
}
