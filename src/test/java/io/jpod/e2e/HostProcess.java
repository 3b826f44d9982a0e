package io.jpod.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * A process on the host, read from /proc (as root, so every process is readable).
 *
 * @param pid  its pid
 * @param ppid its parent's pid
 * @param uid  its real uid (on the host)
 * @param comm its command name (/proc/PID/comm)
 * @param args its command line, arguments joined by spaces
 */
public record HostProcess(long pid, long ppid, long uid, String comm, String args) {

    @Override
    public String toString() {
        return pid + " (ppid " + ppid + ", uid " + uid + ") " + comm + ": " + args;
    }

    /**
     * Every process whose real uid {@code uids} accepts. Processes that end while being read are
     * left out, and so are zombies: they have finished, and only wait for PID 1 to reap them (which
     * on some hosts takes a second or more for orphans such as conmon and slirp4netns).
     */
    public static List<HostProcess> all(LongPredicate uids) {
        List<HostProcess> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) entries::iterator) {
                String name = dir.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    read(Long.parseLong(name)).filter(p -> uids.test(p.uid())).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    /** The process {@code pid}, if it is (still) there. */
    public static Optional<HostProcess> read(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            long uid = -1;
            long ppid = -1;
            for (String line : Files.readAllLines(dir.resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("State:") && line.substring(6).strip().startsWith("Z")) {
                    return Optional.empty();
                } else if (line.startsWith("Uid:")) {
                    uid = Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
                } else if (line.startsWith("PPid:")) {
                    ppid = Long.parseLong(line.substring(5).strip());
                }
            }
            String comm = Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).strip();
            String args = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
            return Optional.of(new HostProcess(pid, ppid, uid, comm, args));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
