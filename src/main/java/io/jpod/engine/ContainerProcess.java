package io.jpod.engine;

import io.jpod.host.ProcStat;
import java.time.Instant;

/**
 * One process of a container, as {@code jpod top} shows it.
 *
 * @param stat    its /proc stat (pids there are the host's)
 * @param pid     its pid in the container's PID namespace
 * @param ppid    its parent's pid there, 0 when the parent is outside the container
 * @param user    its effective user, named by the container's /etc/passwd (else the number)
 * @param group   its effective group, named by the container's /etc/group (else the number)
 * @param hostUid its effective uid as jpod's user namespace numbers it (the host's, as root)
 * @param args    its command line, arguments joined by spaces (its command name in brackets when it has none)
 * @param started when it started
 */
public record ContainerProcess(ProcStat stat, long pid, long ppid, String user, String group, long hostUid, String args, Instant started) {
}
