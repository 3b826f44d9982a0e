package io.jpod.host;

/**
 * Waits that an interruption does not cut short: a served command stopped by Ctrl-C is interrupted, and what it waits
 * for (a thread that makes the network, a pod's containers started side by side) must still end before it unwinds. The
 * interruption is kept for the caller to see once the wait is over.
 */
public final class Uninterruptibly {
    /** A wait that an interruption ends early. */
    @FunctionalInterface
    public interface Wait {
        void run() throws InterruptedException;
    }

    private Uninterruptibly() {
    }

    /** Runs {@code wait} again until it ends without being interrupted; an interruption meanwhile is set again after. */
    public static void await(Wait wait) {
        boolean interrupted = false;
        while (true) {
            try {
                wait.run();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
