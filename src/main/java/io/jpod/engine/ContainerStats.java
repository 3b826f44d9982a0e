package io.jpod.engine;

import java.time.Instant;

/**
 * One reading of what a container uses, as {@code jpod stats} shows it: from its own cgroup where it has one (as root),
 * else from /proc of its processes (rootless on cgroup v1: CPU and memory are the processes', summed).
 *
 * @param podId     its pod's id
 * @param podName   its pod's name
 * @param at        when it was read
 * @param startedAt when the container last started, null when it never did
 * @param cpuNanos  CPU time used since it started
 * @param memUsage  memory used, in bytes (resident, for /proc)
 * @param memLimit  its memory limit, the host's memory when it has none
 * @param netIn     bytes its network namespace received (loopback aside)
 * @param netOut    bytes it sent
 * @param blockIn   bytes read from storage
 * @param blockOut  bytes written to storage
 * @param pids      its tasks (threads)
 * @param running   whether it runs (or is paused): a container that does not reads all zeros
 */
public record ContainerStats(String id, String name, String podId, String podName, Instant at, Instant startedAt, long cpuNanos,
        long memUsage, long memLimit, long netIn, long netOut, long blockIn, long blockOut, long pids, boolean running) {
}
