package io.jpod.probe;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Moves the calling thread into a network namespace: libc's {@code open(2)}, {@code setns(2)} with
 * CLONE_NEWNET and {@code close(2)}, called through the FFM API (java.lang.foreign). setns applies to
 * the calling thread only, and a socket belongs to the namespace of the thread that created it: only
 * a thread that the prober owns, and that makes its sockets itself, is ever moved.
 *
 * <p>jpod is compiled for Java 17 and runs on the newest JDK installed, so the FFM API (final in
 * Java 22) is reached by reflection, once; on an older runtime {@link #available()} is false and
 * entering a namespace fails saying so.
 */
final class Netns {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final Ffm FFM = Ffm.load();

    private Netns() {
    }

    /** Whether this runtime can enter a namespace (Java 22 or later, native access allowed). */
    static boolean available() {
        return FFM.error == null;
    }

    /** Moves the calling thread into the network namespace of {@code netns} (as /proc/PID/ns/net). */
    static void enter(Path netns) throws IOException {
        if (FFM.error != null) {
            throw new IOException("tried to enter the network namespace " + netns + " but failed because " + FFM.error);
        }
        try (AutoCloseable arena = (AutoCloseable) FFM.arenaOfConfined.invoke(null)) {
            Object state = FFM.allocate.invoke(arena, FFM.stateLayout);
            Object path = FFM.allocateString.invoke(arena, netns.toString());
            int fd = (int) FFM.open.invokeWithArguments(state, path, O_RDONLY | O_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException("tried to open " + netns + " but failed because " + strerror(errno(state)));
            }
            try {
                int rc = (int) FFM.setns.invokeWithArguments(state, fd, CLONE_NEWNET);
                if (rc != 0) {
                    throw new IOException("tried to enter the network namespace " + netns + " but failed because " + strerror(errno(state)));
                }
            } finally {
                FFM.close.invokeWithArguments(fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("setns through the FFM API failed", e);
        }
    }

    private static int errno(Object state) throws ReflectiveOperationException {
        return (int) FFM.getInt.invoke(state, FFM.javaInt, FFM.errnoOffset);
    }

    private static String strerror(int errno) throws Throwable {
        Object message = FFM.strerror.invokeWithArguments(errno);
        Object sized = FFM.reinterpret.invoke(message, 256L);
        return FFM.getString.invoke(sized, 0L) + " (errno " + errno + ")";
    }

    /** The FFM API's pieces, looked up once; {@code error} says why they are missing. */
    private static final class Ffm {
        String error;
        MethodHandle open;
        MethodHandle setns;
        MethodHandle close;
        MethodHandle strerror;
        Object stateLayout;
        Object javaInt;
        long errnoOffset;
        Method arenaOfConfined;
        Method allocate;
        Method allocateString;
        Method getInt;
        Method reinterpret;
        Method getString;

        static Ffm load() {
            Ffm f = new Ffm();
            if (Runtime.version().feature() < 22) {
                f.error = "entering a network namespace needs Java 22 or later, and this is Java " + Runtime.version().feature();
                return f;
            }
            try {
                f.bind();
            } catch (InvocationTargetException e) {
                f.error = "the FFM API failed: " + e.getCause();
            } catch (ReflectiveOperationException | RuntimeException e) {
                f.error = "the FFM API failed: " + e;
            }
            return f;
        }

        private void bind() throws ReflectiveOperationException {
            Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
            Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
            Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
            Class<?> ofInt = Class.forName("java.lang.foreign.ValueLayout$OfInt");
            Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> segmentClass = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> arenaClass = Class.forName("java.lang.foreign.Arena");
            Class<?> allocatorClass = Class.forName("java.lang.foreign.SegmentAllocator");
            Class<?> pathElement = Class.forName("java.lang.foreign.MemoryLayout$PathElement");

            Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
            Object lookup = linkerClass.getMethod("defaultLookup").invoke(linker);
            javaInt = valueLayout.getField("JAVA_INT").get(null);
            Object address = valueLayout.getField("ADDRESS").get(null);
            stateLayout = optionClass.getMethod("captureStateLayout").invoke(null);
            Object errnoPath = Array.newInstance(pathElement, 1);
            Array.set(errnoPath, 0, pathElement.getMethod("groupElement", String.class).invoke(null, "errno"));
            errnoOffset = (long) layoutClass.getMethod("byteOffset", errnoPath.getClass()).invoke(stateLayout, errnoPath);
            Object capture = optionClass.getMethod("captureCallState", String[].class).invoke(null, (Object) new String[] {"errno"});
            Object variadicFrom2 = optionClass.getMethod("firstVariadicArg", int.class).invoke(null, 2);

            Method find = lookupClass.getMethod("find", String.class);
            Method of = descriptorClass.getMethod("of", layoutClass, layoutClass.arrayType());
            Method downcall = linkerClass.getMethod("downcallHandle", segmentClass, descriptorClass, optionClass.arrayType());
            java.util.function.Function<Object[], Object> layouts = ls -> {
                Object array = Array.newInstance(layoutClass, ls.length);
                for (int i = 0; i < ls.length; i++) {
                    Array.set(array, i, ls[i]);
                }
                return array;
            };
            java.util.function.Function<Object[], Object> options = os -> {
                Object array = Array.newInstance(optionClass, os.length);
                for (int i = 0; i < os.length; i++) {
                    Array.set(array, i, os[i]);
                }
                return array;
            };
            open = (MethodHandle) downcall.invoke(linker, symbol(find, lookup, "open"),
                    of.invoke(null, javaInt, layouts.apply(new Object[] {address, javaInt, javaInt})), options.apply(new Object[] {capture, variadicFrom2}));
            setns = (MethodHandle) downcall.invoke(linker, symbol(find, lookup, "setns"),
                    of.invoke(null, javaInt, layouts.apply(new Object[] {javaInt, javaInt})), options.apply(new Object[] {capture}));
            close = (MethodHandle) downcall.invoke(linker, symbol(find, lookup, "close"),
                    of.invoke(null, javaInt, layouts.apply(new Object[] {javaInt})), options.apply(new Object[0]));
            strerror = (MethodHandle) downcall.invoke(linker, symbol(find, lookup, "strerror"),
                    of.invoke(null, address, layouts.apply(new Object[] {javaInt})), options.apply(new Object[0]));

            arenaOfConfined = arenaClass.getMethod("ofConfined");
            allocate = allocatorClass.getMethod("allocate", layoutClass);
            allocateString = allocatorClass.getMethod("allocateFrom", String.class);
            getInt = segmentClass.getMethod("get", ofInt, long.class);
            reinterpret = segmentClass.getMethod("reinterpret", long.class);
            getString = segmentClass.getMethod("getString", long.class);
        }

        private static Object symbol(Method find, Object lookup, String name) throws ReflectiveOperationException {
            return ((Optional<?>) find.invoke(lookup, name)).orElseThrow(() -> new IllegalStateException("libc has no " + name));
        }
    }
}
