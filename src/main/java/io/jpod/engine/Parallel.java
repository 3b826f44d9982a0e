package io.jpod.engine;

import io.jpod.host.Uninterruptibly;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Work on several objects at once, one thread each: the containers of a pod stop together (their
 * grace periods overlap), the pods of a file are created and removed together. Results come back
 * in the objects' order; the callers make each object's failure part of its own result.
 */
final class Parallel {
    private Parallel() {
    }

    /**
     * {@code work} applied to every item at once; returns the results in the items' order. A
     * {@link RuntimeException} of one item is rethrown (the first in the items' order) once all
     * are done. A single item runs on the calling thread.
     */
    static <T, R> List<R> map(List<T> items, Function<T, R> work) {
        if (items.size() == 1) {
            return List.of(work.apply(items.get(0)));
        }
        List<Object> results = new ArrayList<>(items.size());
        List<Thread> threads = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            results.add(null);
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    results.set(index, work.apply(items.get(index)));
                } catch (RuntimeException e) {
                    results.set(index, new Failure(e));
                }
            }, "jpod-" + i);
            t.start();
            threads.add(t);
        }
        joinAll(threads);
        List<R> out = new ArrayList<>(items.size());
        for (Object r : results) {
            if (r instanceof Failure f) {
                throw f.error();
            }
            @SuppressWarnings("unchecked")
            R value = (R) r;
            out.add(value);
        }
        return out;
    }

    /**
     * {@code first} on the calling thread while {@code second} runs on a thread of its own (a pod's network attached while
     * its app containers are made); returns once both are done, rethrowing {@code first}'s failure, else {@code second}'s.
     */
    static void alongside(Runnable first, Runnable second) {
        RuntimeException[] failed = new RuntimeException[1];
        Thread t = new Thread(() -> {
            try {
                second.run();
            } catch (RuntimeException e) {
                failed[0] = e;
            }
        }, "jpod-alongside");
        t.start();
        RuntimeException mine = null;
        try {
            first.run();
        } catch (RuntimeException e) {
            mine = e;
        }
        joinAll(List.of(t));
        if (mine != null) {
            throw mine;
        }
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    /** Waits for every thread to end; an interrupt meanwhile is kept for the caller. */
    private static void joinAll(List<Thread> threads) {
        threads.forEach(t -> Uninterruptibly.await(t::join));
    }

    private record Failure(RuntimeException error) {
    }
}
