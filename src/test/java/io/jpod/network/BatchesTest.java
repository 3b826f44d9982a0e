package io.jpod.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchesTest {
    @Test
    void itemsHandedInWhileOneIsDoneAreDoneTogetherAfterIt() throws InterruptedException {
        Batches<Integer, Integer> batches = new Batches<>();
        List<List<Integer>> done = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> results = Collections.synchronizedList(new ArrayList<>());
        Thread first = new Thread(() -> results.add(batches.submit(1, items -> {
            firstStarted.countDown();
            await(release);
            done.add(items);
            return items.stream().map(i -> Batches.Outcome.of(i * 10)).toList();
        })));
        first.start();
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
        List<Thread> others = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            int item = i;
            Thread t = new Thread(() -> results.add(batches.submit(item, items -> {
                done.add(items);
                return items.stream().map(x -> Batches.Outcome.of(x * 10)).toList();
            })));
            t.start();
            others.add(t);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (others.stream().anyMatch(t -> t.getState() != Thread.State.WAITING) && System.nanoTime() < deadline) {
            Thread.sleep(5); // the three wait behind the first
        }
        release.countDown();
        first.join();
        for (Thread t : others) {
            t.join();
        }
        assertEquals(List.of(1), done.get(0));
        assertEquals(2, done.size(), "the three that waited were done in one go: " + done);
        assertEquals(List.of(2, 3, 4), done.get(1).stream().sorted().toList());
        assertEquals(List.of(10, 20, 30, 40), results.stream().sorted().toList());
    }

    @Test
    void eachItemGetsItsOwnFailureAndAWholeFailureIsEveryones() {
        Batches<String, String> batches = new Batches<>();
        IllegalStateException own = new IllegalStateException("port in use");
        assertEquals(own, assertThrows(IllegalStateException.class,
                () -> batches.submit("b", items -> List.of(Batches.Outcome.failed(own)))));
        assertEquals("a!", batches.submit("a", items -> List.of(Batches.Outcome.of("a!"))));
        assertEquals("lock", assertThrows(IllegalArgumentException.class, () -> batches.submit("c", items -> {
            throw new IllegalArgumentException("lock");
        })).getMessage());
        assertEquals("d!", batches.submit("d", items -> List.of(Batches.Outcome.of("d!"))), "a failed batch leaves the next to be done");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
