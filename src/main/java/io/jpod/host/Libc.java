package io.jpod.host;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The few calls of the C library that jpod makes in its own process, where Java has no way and running a program for
 * one system call would cost a process each time: {@code mkfifo(3)}, and {@code open(2)}, {@code setns(2)} and
 * {@code close(2)} (the prober's threads entering a pod's network namespace). They are called through the FFM API
 * (java.lang.foreign): jpod is compiled for Java 17 and runs on the newest JDK installed, so the API (final in Java 22)
 * is reached by reflection, its pieces looked up once and each function bound when first called. On an older runtime
 * {@link #available()} is false, and every caller keeps another way (a program, or a message saying so).
 *
 * <p>The FFM API's first call in a JVM costs 250–400 ms of CPU here (its classes, the downcall stubs it generates);
 * each call after that a fraction of a millisecond, where a process run from the JVM costs about 10 ms.
 */
public final class Libc {
    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;

    private static final Api API = Api.load();
    private static final Function OPEN = Function.settingErrno("open", Type.INT, Type.ADDRESS, Type.INT, Type.INT).variadicFrom(2);
    private static final Function CLOSE = Function.plain("close", Type.INT, Type.INT);
    private static final Function MKFIFO = Function.settingErrno("mkfifo", Type.INT, Type.ADDRESS, Type.INT);
    private static final Function SETNS = Function.settingErrno("setns", Type.INT, Type.INT, Type.INT);
    private static final Function STRERROR = Function.plain("strerror", Type.ADDRESS, Type.INT);

    private Libc() {
    }

    /** A call that returned an error: its errno, and the C library's words for it as the message. */
    public static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;
        private final int errno;

        Failure(int errno, String message) {
            super(message);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }

    /** Whether this runtime can make the calls (Java 22 or later, native access allowed). */
    public static boolean available() {
        return API.error == null;
    }

    /** Why the calls cannot be made, when {@link #available()} is false. */
    public static String unavailable() {
        return API.error;
    }

    /** Makes the FIFO {@code path} with {@code mode} (less the umask). */
    public static void mkfifo(Path path, int mode) throws Failure {
        try (Call c = new Call()) {
            c.check((int) MKFIFO.handle().invokeWithArguments(c.state, c.string(path.toString()), mode));
        } catch (Failure | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw wrap("mkfifo", e);
        }
    }

    /** Opens {@code path} with {@code flags}; returns the descriptor, which the caller closes with {@link #close}. */
    public static int open(Path path, int flags) throws Failure {
        try (Call c = new Call()) {
            return c.check((int) OPEN.handle().invokeWithArguments(c.state, c.string(path.toString()), flags, 0));
        } catch (Failure | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw wrap("open", e);
        }
    }

    /** Closes {@code fd}; a failure changes nothing the caller could act on, so it is not reported. */
    public static void close(int fd) {
        try {
            CLOSE.handle().invokeWithArguments(fd);
        } catch (Throwable e) {
            // the descriptor is released by the kernel even when close reports an error
        }
    }

    /** Moves the calling thread into the namespace {@code fd} refers to ({@code nstype}: CLONE_NEWNET…). */
    public static void setns(int fd, int nstype) throws Failure {
        try (Call c = new Call()) {
            c.check((int) SETNS.handle().invokeWithArguments(c.state, fd, nstype));
        } catch (Failure | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw wrap("setns", e);
        }
    }

    private static IllegalStateException wrap(String function, Throwable e) {
        return new IllegalStateException(function + " through the FFM API failed", e);
    }

    /** One call's memory (a confined arena), and where the call leaves errno. */
    private static final class Call implements AutoCloseable {
        private final AutoCloseable arena;
        private final Object state;

        Call() throws Failure {
            if (API.error != null) {
                throw new Failure(0, API.error);
            }
            try {
                arena = (AutoCloseable) API.arenaOfConfined.invoke(null);
                state = API.allocateLayout.invoke(arena, API.stateLayout);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the FFM API failed", e);
            }
        }

        Object string(String s) throws ReflectiveOperationException {
            return API.allocateString.invoke(arena, s);
        }

        /** {@code result}, unless it is -1: then the call's errno as a {@link Failure}. */
        int check(int result) throws Throwable {
            if (result != -1) {
                return result;
            }
            int errno = (int) API.getInt.invoke(state, API.javaInt, API.errnoOffset);
            Object message = STRERROR.handle().invokeWithArguments(errno);
            Object sized = API.reinterpret.invoke(message, 256L);
            throw new Failure(errno, API.getString.invoke(sized, 0L) + " (errno " + errno + ")");
        }

        @Override
        public void close() {
            try {
                arena.close();
            } catch (Exception e) {
                throw new IllegalStateException("the FFM API failed", e);
            }
        }
    }

    private enum Type {
        INT, ADDRESS
    }

    /**
     * A C function, bound when first called (a command binds only what it calls). One that sets errno takes, first,
     * where the call leaves it ({@link Call}); {@code firstVariadic} is the index of its first variadic parameter, -1 for none.
     */
    private static final class Function {
        private final String name;
        private final Type result;
        private final boolean errno;
        private final int firstVariadic;
        private final Type[] parameters;
        private volatile MethodHandle handle;

        private Function(String name, Type result, boolean errno, int firstVariadic, Type... parameters) {
            this.name = name;
            this.result = result;
            this.errno = errno;
            this.firstVariadic = firstVariadic;
            this.parameters = parameters;
        }

        static Function settingErrno(String name, Type result, Type... parameters) {
            return new Function(name, result, true, -1, parameters);
        }

        static Function plain(String name, Type result, Type... parameters) {
            return new Function(name, result, false, -1, parameters);
        }

        Function variadicFrom(int index) {
            return new Function(name, result, errno, index, parameters);
        }

        MethodHandle handle() throws ReflectiveOperationException {
            MethodHandle h = handle;
            if (h == null) {
                h = API.bind(name, result, errno, firstVariadic, parameters);
                handle = h;
            }
            return h;
        }
    }

    /** The FFM API's pieces, looked up once; {@code error} says why they are missing. */
    private static final class Api {
        String error;
        Object linker;
        Object lookup;
        Object javaInt;
        Object address;
        Object stateLayout;
        Object captureErrno;
        long errnoOffset;
        Class<?> layoutClass;
        Class<?> optionClass;
        Method find;
        Method describe;
        Method downcall;
        Method variadic;
        Method arenaOfConfined;
        Method allocateLayout;
        Method allocateString;
        Method getInt;
        Method reinterpret;
        Method getString;

        static Api load() {
            Api a = new Api();
            if (Runtime.version().feature() < 22) {
                a.error = "calling the C library needs Java 22 or later, and this is Java " + Runtime.version().feature();
                return a;
            }
            try {
                a.lookUp();
            } catch (InvocationTargetException e) {
                a.error = "the FFM API failed: " + e.getCause();
            } catch (ReflectiveOperationException | RuntimeException e) {
                a.error = "the FFM API failed: " + e;
            }
            return a;
        }

        private void lookUp() throws ReflectiveOperationException {
            Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
            optionClass = Class.forName("java.lang.foreign.Linker$Option");
            layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
            Class<?> ofInt = Class.forName("java.lang.foreign.ValueLayout$OfInt");
            Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> segmentClass = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> arenaClass = Class.forName("java.lang.foreign.Arena");
            Class<?> allocatorClass = Class.forName("java.lang.foreign.SegmentAllocator");
            Class<?> pathElement = Class.forName("java.lang.foreign.MemoryLayout$PathElement");

            linker = linkerClass.getMethod("nativeLinker").invoke(null);
            lookup = linkerClass.getMethod("defaultLookup").invoke(linker);
            javaInt = valueLayout.getField("JAVA_INT").get(null);
            address = valueLayout.getField("ADDRESS").get(null);
            stateLayout = optionClass.getMethod("captureStateLayout").invoke(null);
            Object errnoPath = Array.newInstance(pathElement, 1);
            Array.set(errnoPath, 0, pathElement.getMethod("groupElement", String.class).invoke(null, "errno"));
            errnoOffset = (long) layoutClass.getMethod("byteOffset", errnoPath.getClass()).invoke(stateLayout, errnoPath);
            captureErrno = optionClass.getMethod("captureCallState", String[].class).invoke(null, (Object) new String[] {"errno"});

            find = lookupClass.getMethod("find", String.class);
            describe = descriptorClass.getMethod("of", layoutClass, layoutClass.arrayType());
            downcall = linkerClass.getMethod("downcallHandle", segmentClass, descriptorClass, optionClass.arrayType());
            variadic = optionClass.getMethod("firstVariadicArg", int.class);
            arenaOfConfined = arenaClass.getMethod("ofConfined");
            allocateLayout = allocatorClass.getMethod("allocate", layoutClass);
            allocateString = allocatorClass.getMethod("allocateFrom", String.class);
            getInt = segmentClass.getMethod("get", ofInt, long.class);
            reinterpret = segmentClass.getMethod("reinterpret", long.class);
            getString = segmentClass.getMethod("getString", long.class);
        }

        /** A downcall handle of libc's {@code name}; with {@code errno}, its first parameter is where errno is captured. */
        MethodHandle bind(String name, Type result, boolean errno, int firstVariadic, Type... parameters)
                throws ReflectiveOperationException {
            Object layouts = Array.newInstance(layoutClass, parameters.length);
            for (int i = 0; i < parameters.length; i++) {
                Array.set(layouts, i, layout(parameters[i]));
            }
            Object options = Array.newInstance(optionClass, (errno ? 1 : 0) + (firstVariadic >= 0 ? 1 : 0));
            int o = 0;
            if (errno) {
                Array.set(options, o++, captureErrno);
            }
            if (firstVariadic >= 0) {
                Array.set(options, o, variadic.invoke(null, firstVariadic));
            }
            Object symbol = ((Optional<?>) find.invoke(lookup, name)).orElseThrow(() -> new IllegalStateException("libc has no " + name));
            return (MethodHandle) downcall.invoke(linker, symbol, describe.invoke(null, layout(result), layouts), options);
        }

        private Object layout(Type t) {
            return switch (t) {
                case INT -> javaInt;
                case ADDRESS -> address;
            };
        }
    }
}
