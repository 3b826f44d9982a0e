package io.jpod.host;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.Optional;

/**
 * A signal sent to a process by libc's {@code kill(2)}, without starting {@code kill} ({@link ProcessHandle} sends only
 * SIGTERM and SIGKILL): the FFM API (final in Java 22) reached by reflection, bound when first used. On an older runtime,
 * or when the call fails, {@link #send} says so and the caller runs {@code kill} instead.
 */
public final class ProcessSignal {
    /** SIGHUP: a daemon reads its configuration again. */
    public static final int SIGHUP = 1;

    private ProcessSignal() {
    }

    /** Sends {@code signal} to process {@code pid}; whether it was sent. */
    public static boolean send(long pid, int signal) {
        MethodHandle kill = Binding.KILL;
        if (kill == null || pid <= 0 || pid > Integer.MAX_VALUE) {
            return false;
        }
        try {
            return (int) kill.invokeExact((int) pid, signal) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /** {@code int kill(pid_t, int)}, bound once; null where the FFM API is not there. */
    private static final class Binding {
        static final MethodHandle KILL = bind();

        private static MethodHandle bind() {
            if (Runtime.version().feature() < 22) {
                return null;
            }
            try {
                Class<?> linker = Class.forName("java.lang.foreign.Linker");
                Class<?> option = Class.forName("java.lang.foreign.Linker$Option");
                Class<?> layout = Class.forName("java.lang.foreign.MemoryLayout");
                Class<?> descriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
                Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
                Class<?> lookup = Class.forName("java.lang.foreign.SymbolLookup");
                Object nativeLinker = linker.getMethod("nativeLinker").invoke(null);
                Object libc = linker.getMethod("defaultLookup").invoke(nativeLinker);
                Object javaInt = Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null);
                Object args = Array.newInstance(layout, 2);
                Array.set(args, 0, javaInt);
                Array.set(args, 1, javaInt);
                Object signature = descriptor.getMethod("of", layout, layout.arrayType()).invoke(null, javaInt, args);
                Object symbol = ((Optional<?>) lookup.getMethod("find", String.class).invoke(libc, "kill")).orElseThrow();
                return (MethodHandle) linker.getMethod("downcallHandle", segment, descriptor, option.arrayType())
                        .invoke(nativeLinker, symbol, signature, Array.newInstance(option, 0));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
