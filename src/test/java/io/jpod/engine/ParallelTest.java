package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void resultsComeBackInTheItemsOrder() {
        assertEquals(List.of(2, 4, 6), Parallel.map(List.of(1, 2, 3), i -> i * 2));
        assertEquals(List.of(), Parallel.map(List.<Integer>of(), i -> i));
        assertEquals(List.of("one"), Parallel.map(List.of("one"), s -> s));
    }

    @Test
    void theItemsRunAtOnce() {
        CountDownLatch allStarted = new CountDownLatch(3);
        List<Boolean> sawTheOthers = Parallel.map(List.of(1, 2, 3), i -> {
            allStarted.countDown();
            try {
                return allStarted.await(10, TimeUnit.SECONDS); // only true if the three run together
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(List.of(true, true, true), sawTheOthers);
    }

    @Test
    void aFailureIsRethrownOnceEveryItemIsDone() {
        AtomicInteger done = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.map(List.of(1, 2, 3), i -> {
            if (i == 2) {
                throw new IllegalStateException("item 2");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
            return done.incrementAndGet();
        }));
        assertEquals("item 2", e.getMessage());
        assertTrue(done.get() == 2, "the other items finished first");
    }

    @Test
    void alongsideRunsBothAtOnceAndRethrowsTheFirstsFailureFirst() {
        CountDownLatch both = new CountDownLatch(2);
        Runnable meet = () -> {
            both.countDown();
            try {
                assertTrue(both.await(10, TimeUnit.SECONDS), "the two run together");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        Parallel.alongside(meet, meet);
        AtomicInteger secondDone = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.alongside(() -> {
            throw new IllegalStateException("first");
        }, () -> {
            secondDone.incrementAndGet();
            throw new IllegalArgumentException("second");
        }));
        assertEquals("first", e.getMessage());
        assertEquals(1, secondDone.get(), "the second ran to its end first");
        assertEquals("second", assertThrows(IllegalArgumentException.class, () -> Parallel.alongside(() -> {
        }, () -> {
            throw new IllegalArgumentException("second");
        })).getMessage());
    }
}
