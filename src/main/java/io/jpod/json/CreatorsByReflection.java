package io.jpod.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedWithParams;

/**
 * Makes the objects Jackson reads by calling their constructors through core reflection.
 *
 * <p>Jackson 3 calls a creator through {@code MethodHandle.invokeWithArguments}, which builds an adapter and a
 * spreader for each constructor the first time: in a short command that was about a fifth of the CPU of
 * {@code ps} or {@code kube down}, which read a few records back from the store (bench/README.md, item 11).
 * {@link Constructor#newInstance} with the JDK's native accessor (the launcher sets
 * {@code jdk.reflect.useNativeAccessorOnly}) generates nothing. Creators other than constructors (static
 * factories) are left to Jackson.
 */
final class CreatorsByReflection implements ValueInstantiators {
    @Override
    public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription.Supplier beanDescRef) {
        return null;
    }

    @Override
    public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier beanDescRef,
            ValueInstantiator defaultInstantiator) {
        if (defaultInstantiator.getClass() == StdValueInstantiator.class) {
            return new Reflective((StdValueInstantiator) defaultInstantiator);
        }
        return defaultInstantiator;
    }

    private static final class Reflective extends StdValueInstantiator {
        private final Constructor<?> withArgs;
        private final Constructor<?> noArgs;

        Reflective(StdValueInstantiator src) {
            super(src);
            this.withArgs = constructor(src.getWithArgsCreator());
            this.noArgs = constructor(src.getDefaultCreator());
        }

        private static Constructor<?> constructor(AnnotatedWithParams creator) {
            if (creator == null) {
                return null;
            }
            Member m = creator.getMember();
            if (!(m instanceof Constructor<?> c)) {
                return null;
            }
            try {
                c.setAccessible(true);
                return c;
            } catch (RuntimeException e) { // not open to this module: Jackson's own way then
                return null;
            }
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) throws JacksonException {
            if (withArgs == null) {
                return super.createFromObjectWith(ctxt, args);
            }
            return construct(ctxt, withArgs, args);
        }

        @Override
        public Object createUsingDefault(DeserializationContext ctxt) throws JacksonException {
            if (noArgs == null) {
                return super.createUsingDefault(ctxt);
            }
            return construct(ctxt, noArgs, new Object[0]);
        }

        private Object construct(DeserializationContext ctxt, Constructor<?> c, Object[] args) {
            try {
                return c.newInstance(args);
            } catch (InvocationTargetException e) {
                throw rewrapCtorProblem(ctxt, e.getCause());
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw rewrapCtorProblem(ctxt, e);
            }
        }
    }
}
