package io.jpod.network;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Work that the threads of one process hand in while one of them does it (group commit): a thread that finds none being
 * done does every item handed in so far in one go, and the others wait for their own item's outcome. The pods of a play
 * join their network this way: one lock, one {@code ip} process and one DNS reload for the pods that came meanwhile.
 */
final class Batches<T, R> {
    /** One item's outcome: its result, or why it failed. */
    record Outcome<R>(R value, RuntimeException error) {
        static <R> Outcome<R> of(R value) {
            return new Outcome<>(value, null);
        }

        static <R> Outcome<R> failed(RuntimeException error) {
            return new Outcome<>(null, error);
        }
    }

    private static final class Entry<T, R> {
        final T item;
        Outcome<R> outcome;

        Entry(T item) {
            this.item = item;
        }
    }

    private final Object turn = new Object();
    private List<Entry<T, R>> waiting = new ArrayList<>();
    private boolean busy;

    /**
     * {@code item}'s result, done by {@code work} (the items in, an outcome for each in their order) with the items
     * handed in meanwhile; its failure rethrown. A failure of {@code work} as a whole is every item's.
     */
    R submit(T item, Function<List<T>, List<Outcome<R>>> work) {
        Entry<T, R> mine = new Entry<>(item);
        List<Entry<T, R>> batch;
        synchronized (turn) {
            waiting.add(mine);
            boolean interrupted = false;
            while (busy && mine.outcome == null) {
                try {
                    turn.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (mine.outcome != null) {
                return result(mine.outcome);
            }
            busy = true;
            batch = waiting;
            waiting = new ArrayList<>();
        }
        List<Outcome<R>> outcomes = null;
        try {
            outcomes = work.apply(batch.stream().map(e -> e.item).toList());
        } catch (RuntimeException e) {
            outcomes = batch.stream().map(x -> Outcome.<R>failed(e)).toList();
        } finally {
            synchronized (turn) {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).outcome = outcomes != null ? outcomes.get(i) : Outcome.failed(new IllegalStateException("the batch was not done"));
                }
                busy = false;
                turn.notifyAll();
            }
        }
        return result(mine.outcome);
    }

    private static <R> R result(Outcome<R> o) {
        if (o.error() != null) {
            throw o.error();
        }
        return o.value();
    }
}
