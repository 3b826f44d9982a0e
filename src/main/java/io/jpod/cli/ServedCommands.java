package io.jpod.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which command lines the command service runs: all but those that need their own process, because they read a
 * terminal, handle signals, block for long or hand their streams to another process (exec, login, a followed log, play --wait,
 * events' stream, streamed stats, auto-update's run, wait, the system commands). bin/jpod does not even ask for the first words of these.
 */
final class ServedCommands {
    private static final Set<String> OWN_PROCESS = Set.of("exec", "login", "system", "events", "attach", "run", "wait");
    private static final Set<String> VALUED_GLOBALS = Set.of("--log-level", "--runtime", "--storage-driver", "--network-backend");

    private ServedCommands() {
    }

    /** Why {@code args} are not served, or null when they are. */
    static String refusal(List<String> args) {
        List<String> words = new ArrayList<>();
        boolean follow = false;
        boolean wait = false;
        boolean noStream = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (VALUED_GLOBALS.contains(a)) {
                i++;
            } else if (a.equals("--")) {
                break;
            } else if (a.startsWith("--")) {
                follow |= a.equals("--follow") || a.startsWith("--follow=") && !a.equals("--follow=false");
                wait |= a.equals("--wait") || a.startsWith("--wait=") && !a.equals("--wait=false");
                noStream |= a.equals("--no-stream") || a.equals("--no-stream=true");
            } else if (a.startsWith("-") && a.length() > 1) {
                follow |= a.indexOf('f') > 0;
            } else if (words.size() < 2) {
                words.add(a);
            }
        }
        String first = words.isEmpty() ? "" : words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        if (OWN_PROCESS.contains(first) || first.equals("container") && OWN_PROCESS.contains(second)) {
            return "jpod " + first + " runs in its own process";
        }
        if (first.equals("auto-update") && !second.equals("history") && !second.equals("schedule")) {
            return "jpod auto-update runs in its own process";
        }
        boolean logs = first.equals("logs") || (first.equals("container") || first.equals("pod")) && second.equals("logs");
        if (logs && follow) {
            return "a followed log runs in its own process";
        }
        boolean stats = first.equals("stats") || (first.equals("container") || first.equals("pod")) && second.equals("stats");
        if (stats && !noStream) {
            return "streamed stats run in their own process";
        }
        if (first.equals("kube") && second.equals("play") && wait) {
            return "kube play --wait runs in its own process";
        }
        return null;
    }
}
