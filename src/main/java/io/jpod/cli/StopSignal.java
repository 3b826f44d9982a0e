package io.jpod.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT, caught for a command that runs until it is told to stop ({@code events}):
 * it ends its loop and exits as podman does, 0 for SIGTERM and 1 for SIGINT.
 */
final class StopSignal {
    private final CountDownLatch received = new CountDownLatch(1);
    private volatile int exitCode;

    private StopSignal() {
    }

    /** Catches SIGTERM and SIGINT from now on. */
    static StopSignal install() {
        StopSignal stop = new StopSignal();
        Signal.handle(new Signal("TERM"), s -> stop.receive(0));
        Signal.handle(new Signal("INT"), s -> stop.receive(1));
        return stop;
    }

    private void receive(int code) {
        if (received.getCount() > 0) {
            exitCode = code;
            received.countDown();
        }
    }

    boolean received() {
        return received.getCount() == 0;
    }

    /** Waits {@code millis}, or less when a signal comes. */
    void await(long millis) {
        try {
            received.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            receive(1);
        }
    }

    /** The exit code the signal received asks for (0 before any). */
    int exitCode() {
        return exitCode;
    }
}
