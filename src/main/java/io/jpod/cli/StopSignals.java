package io.jpod.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM taken over from the JVM (which would exit at once) while a command has work to
 * undo before it ends ({@code kube play --wait} tears down what it played): the first one asks the
 * command to stop, which it sees with {@link #requested}; a second one ends the JVM at once, with
 * the shell's code for the signal (128 + its number). {@link #close} gives the JVM its handlers back.
 */
final class StopSignals implements AutoCloseable {
    private static final List<String> NAMES = List.of("INT", "TERM");

    private final AtomicInteger received = new AtomicInteger();
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals() {
    }

    /** Takes SIGINT and SIGTERM over; a signal the JVM keeps for itself (e.g. with -Xrs) is left as it is. */
    static StopSignals install() {
        StopSignals s = new StopSignals();
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                s.previous.add(Signal.handle(signal, s::received));
                s.signals.add(signal);
            } catch (IllegalArgumentException e) {
                // not ours to handle
            }
        }
        return s;
    }

    private void received(Signal signal) {
        if (received.incrementAndGet() > 1) {
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
    }

    /** Whether a stop was asked for. */
    boolean requested() {
        return received.get() > 0;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
