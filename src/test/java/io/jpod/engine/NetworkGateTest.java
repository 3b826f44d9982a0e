package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.HostException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NetworkGateTest {
    @Test
    void aWaitingContainerGoesOnOnceTheGateOpens() throws InterruptedException {
        NetworkGate gate = new NetworkGate();
        CountDownLatch through = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            gate.await();
            through.countDown();
        });
        waiter.start();
        assertEquals(false, through.await(100, TimeUnit.MILLISECONDS), "it waits while the network is attached");
        gate.open();
        assertTrue(through.await(10, TimeUnit.SECONDS), "it goes on once the network is attached");
        waiter.join();
    }

    @Test
    void everyWaitingContainerFailsWithTheAttachsError() throws InterruptedException {
        NetworkGate gate = new NetworkGate();
        HostException attach = new HostException("cannot set up network jpod: ip: no such process", null);
        AtomicReference<RuntimeException> seen = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                gate.await();
            } catch (RuntimeException e) {
                seen.set(e);
            }
        });
        waiter.start();
        gate.fail(attach);
        waiter.join();
        assertSame(attach, seen.get());
        assertSame(attach, assertThrows(HostException.class, gate::await), "a container that comes later fails too");
    }

    @Test
    void theOpenGateDoesNotWait() {
        NetworkGate.OPEN.await();
    }
}
