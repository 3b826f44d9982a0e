package io.jpod.probe;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** When a probe must be done by: each blocking socket call is given what is left. */
record Deadline(long endNanos, Duration timeout) {
    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /** Milliseconds left, at least 1 (0 means "forever" to a socket); throws once none are left. */
    int remainingMillis() throws SocketTimeoutException {
        long left = endNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline exceeded");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000));
    }

    /** The timeout as Go prints a duration: "1s", "500ms", "1m30s". */
    String describe() {
        long ms = timeout.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        return s >= 60 ? s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s") : s + "s";
    }
}
