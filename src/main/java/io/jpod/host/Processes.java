package io.jpod.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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

    /**
     * Whether the kernel discards {@code signal} sent to {@code pid} from outside its PID namespace: the
     * process is the init of its namespace and leaves the signal's default action (pid_namespaces(7):
     * it neither catches nor ignores it; SIGKILL and SIGSTOP are always delivered). A container whose
     * PID 1 never chose what to do with its stop signal never sees it. A PID 1 that ignores the signal on
     * purpose ({@code trap '' TERM}) is not counted: it asked to run until SIGKILL.
     */
    public static boolean discards(long pid, int signal) {
        if (pid <= 0) {
            return false;
        }
        try {
            return discards(Files.readString(Path.of("/proc", Long.toString(pid), "status")), signal);
        } catch (IOException e) {
            return false;
        }
    }

    /** From the text of /proc/PID/status: {@link #discards(long, int)}. */
    static boolean discards(String status, int signal) {
        if (signal == 9 || signal == 19 || signal < 1 || signal > 64) {
            return false;
        }
        String nsPid = field(status, "NSpid:");
        String caught = field(status, "SigCgt:");
        String ignored = field(status, "SigIgn:");
        if (nsPid == null || caught == null || ignored == null) {
            return false;
        }
        String[] pids = nsPid.trim().split("\\s+");
        if (pids.length < 2 || !pids[pids.length - 1].equals("1")) {
            return false;
        }
        try {
            long bit = 1L << (signal - 1);
            long handled = Long.parseUnsignedLong(caught.trim(), 16) | Long.parseUnsignedLong(ignored.trim(), 16);
            return (handled & bit) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                return line.substring(name.length());
            }
        }
        return null;
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

    /**
     * Sleeps {@code millis}, whole, keeping an interruption for the caller to see: the polling loops that sleep here
     * check a condition and a deadline, and an interrupted thread (a served command stopped by Ctrl-C) would otherwise
     * spin in them until the deadline, each sleep returning at once.
     */
    public static void sleep(long millis) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
