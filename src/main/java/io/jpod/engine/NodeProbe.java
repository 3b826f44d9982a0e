package io.jpod.engine;

import io.jpod.kube.NodeFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The node facts of a play, read from this host once per command: what {@link io.jpod.kube.KubePlanner} needs of it. */
final class NodeProbe {
    private NodeProbe() {
    }

    /** The host's CPUs, memory and address, and why {@code pods} cannot enforce resources here (null when they can). */
    static NodeFacts discover(PodService pods) {
        return new NodeFacts(Runtime.getRuntime().availableProcessors() * 1000L, memoryBytes(), pods.resourcesNotEnforced(),
                io.jpod.host.HostAddress.discover());
    }

    /** The host's memory (MemTotal of /proc/meminfo): resourceFieldRef's limits.memory when no limit is set. */
    private static long memoryBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // below: Java's view of it
        }
        return Runtime.getRuntime().maxMemory();
    }
}
