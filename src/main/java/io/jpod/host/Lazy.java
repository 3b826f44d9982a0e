package io.jpod.host;

import java.util.function.Supplier;

/**
 * A fact discovered when first asked for, then kept: what only some commands need (the cgroups,
 * jpod's own rlimits, where slirp4netns is) costs nothing to the others. Safe across threads.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> discover;
    private volatile T value;

    private Lazy(Supplier<T> discover) {
        this.discover = discover;
    }

    public static <T> Lazy<T> of(Supplier<T> discover) {
        return new Lazy<>(discover);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = discover.get();
                    value = v;
                }
            }
        }
        return v;
    }
}
