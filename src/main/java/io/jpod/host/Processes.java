package io.jpod.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What /proc says of a process (and waiting for one to end), for processes jpod did not start in this JVM (conmon, containers, slirp4netns). */
public final class Processes {
    private Processes() {
    }

    /**
     * Whether {@code pid} runs: it exists and is not a zombie. A process that was orphaned
     * (conmon and slirp4netns daemonize) is reaped by PID 1 when PID 1 gets to it, which on some
     * hosts takes a second or more; its zombie has finished all the same.
     */
    public static boolean running(long pid) {
        if (pid <= 0) {
            return false;
        }
        try {
            return running(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            return false;
        }
    }

    /** From the text of /proc/PID/stat: the state after the command name (which may hold spaces and parentheses). */
    static boolean running(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0 || end + 2 >= stat.length()) {
            return false;
        }
        char state = stat.charAt(end + 2);
        return state != 'Z' && state != 'X' && state != 'x';
    }

    /** Waits up to {@code millis} for {@code pid} to finish; true when it has. */
    public static boolean waitExit(long pid, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (running(pid)) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            sleep(20);
        }
        return true;
    }

    /** Sleeps, keeping an interruption for the caller to see. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
