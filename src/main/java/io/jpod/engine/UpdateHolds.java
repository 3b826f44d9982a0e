package io.jpod.engine;

import io.jpod.error.ConflictException;
import io.jpod.state.AutoUpdateTable;
import io.jpod.state.AutoUpdateTable.Holder;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

/**
 * What keeps {@code kube play --replace} and {@code kube down} from interleaving with an auto-update of the same pod or
 * workload: each holds the pod's lock in auto-update's journal ({@link AutoUpdateTable#hold}) while it replaces or
 * removes the pod, so that an auto-update finds it taken and leaves the pod alone. A command that finds an update
 * under way waits for it to end (or, for one whose jpod was killed, to be finished: the supervisor, started if it is
 * not running, finishes it at once), up to {@link #WAIT}, then gives up on that pod with a {@link ConflictException}
 * naming it.
 */
final class UpdateHolds {
    /** How long a command waits for an auto-update of its pod to end: about an update's settle time and rollback. */
    static final Duration WAIT = Duration.ofSeconds(30);
    /** A command that does not replace: nothing held. */
    static final Hold NONE = () -> { };
    private static final long LOOK_EVERY_MS = 200;

    private final AutoUpdateTable table;
    private final long owner;
    private final LongPredicate alive;
    private final Duration wait;
    private final LongSupplier nanoTime;
    private final LongConsumer sleepMillis;
    private final Runnable supervisorNeeded;

    /**
     * @param owner       this process, whose holds these are
     * @param alive       whether a process runs
     * @param nanoTime    the clock the wait is measured on
     * @param sleepMillis waits between two looks
     * @param supervisorNeeded starts the supervisor unless it runs (it finishes an interrupted update)
     */
    UpdateHolds(AutoUpdateTable table, long owner, LongPredicate alive, Duration wait, LongSupplier nanoTime, LongConsumer sleepMillis,
            Runnable supervisorNeeded) {
        this.table = table;
        this.owner = owner;
        this.alive = alive;
        this.wait = wait;
        this.nanoTime = nanoTime;
        this.sleepMillis = sleepMillis;
        this.supervisorNeeded = supervisorNeeded;
    }

    /** A pod's or workload's lock, held until closed. */
    @FunctionalInterface
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** Holds pod {@code name}'s lock. */
    Hold pod(String name) {
        return hold("pod", name, name);
    }

    /** Holds the lock of the workload {@code kind}/{@code name} (a Deployment's, DaemonSet's or Job's pods are moved as one). */
    Hold workload(String kind, String name) {
        return hold(kind, name, kind + "/" + name);
    }

    private Hold hold(String kind, String name, String key) {
        long deadline = nanoTime.getAsLong() + wait.toNanos();
        boolean supervised = false;
        while (true) {
            Optional<Holder> by = table.hold(key, owner, alive);
            if (by.isEmpty()) {
                return () -> table.release(key, owner);
            }
            if (nanoTime.getAsLong() - deadline >= 0) {
                throw refusal(kind, name, by.get());
            }
            if (by.get() == Holder.INTERRUPTED_UPDATE && !supervised) {
                supervisorNeeded.run();
                supervised = true;
            }
            sleepMillis.accept(LOOK_EVERY_MS);
        }
    }

    private ConflictException refusal(String kind, String name, Holder by) {
        String what = kind + " " + name;
        String why = switch (by) {
            case COMMAND -> "another jpod command is replacing or removing " + what;
            case INTERRUPTED_UPDATE -> "an interrupted auto-update of " + what + " is not finished yet";
            default -> "an auto-update of " + what + " is in progress";
        };
        return new ConflictException(kind.toLowerCase(Locale.ROOT), name, ConflictException.Reason.UPDATING,
                why + " (waited " + wait.toSeconds() + " s)");
    }
}
