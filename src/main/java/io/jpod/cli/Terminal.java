package io.jpod.cli;

import io.jpod.client.Client;

/** Whether jpod's standard streams are terminals (Linux: where {@code /proc/self/fd/N} points). */
final class Terminal {
    private Terminal() {
    }

    /** True when file descriptor {@code fd} of this process is a terminal device. */
    static boolean isTerminal(int fd) {
        return Client.isTerminal(fd);
    }

    static boolean isTerminalDevice(String target) {
        return Client.isTerminalDevice(target);
    }
}
