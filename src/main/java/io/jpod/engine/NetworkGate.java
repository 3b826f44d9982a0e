package io.jpod.engine;

import io.jpod.host.Uninterruptibly;
import java.util.concurrent.CountDownLatch;

/**
 * What a pod's app containers wait for between their {@code runtime create} and their start: their infra container's
 * network, attached on another thread meanwhile. Opened once the attach is done, or failed with its error, which each
 * waiting container then fails with (and so is removed, as any container whose start failed).
 */
final class NetworkGate {
    /** A gate with nothing to wait for: the infra container's network was attached before. */
    static final NetworkGate OPEN = opened();

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile RuntimeException failure;

    private static NetworkGate opened() {
        NetworkGate g = new NetworkGate();
        g.open();
        return g;
    }

    /** The network is ready: the waiting containers start. */
    void open() {
        done.countDown();
    }

    /** The network could not be attached: the waiting containers fail with {@code e}. */
    void fail(RuntimeException e) {
        failure = e;
        done.countDown();
    }

    /** Waits until the gate is opened or failed; rethrows the failure. */
    void await() {
        Uninterruptibly.await(done::await);
        if (failure != null) {
            throw failure;
        }
    }
}
