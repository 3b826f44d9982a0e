package io.jpod.engine;

import io.jpod.error.StateException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Follows the k8s-file logs of several containers at once, each from its start (a log that does
 * not exist yet is followed once the container has written it), and gives their new lines merged
 * in the order they were written. A line written in parts (conmon's {@code P} records) is given
 * whole, once its last part is there; {@link #drain} gives what is left when the containers have ended.
 * A log that shrinks or is replaced is read again from its start.
 */
public final class LogFollower {

    /** One container to follow: its pod's name, its name in the pod, and its log file. */
    public record Source(String pod, String container, Path log) {
        public Source {
            Objects.requireNonNull(pod);
            Objects.requireNonNull(container);
            Objects.requireNonNull(log);
        }
    }

    /**
     * One line a container wrote.
     *
     * @param time   when conmon logged it (its last part, for a line written in parts)
     * @param stderr whether the container wrote it to its standard error
     * @param text   the line, without its newline
     */
    public record Line(String pod, String container, Instant time, boolean stderr, String text) {
        /** {@code pod/container }: what the line is shown after. */
        public String prefix() {
            return pod + "/" + container + " ";
        }
    }

    /** At most this much of one log is read per poll; the rest comes with the next. */
    private static final int CHUNK = 1 << 20;

    private final List<Followed> followed = new ArrayList<>();

    public LogFollower(List<Source> sources) {
        sources.forEach(s -> followed.add(new Followed(s)));
    }

    /** Follows {@code source} too, from its start. */
    public void add(Source source) {
        followed.add(new Followed(source));
    }

    /** The lines written since the last call, in the order they were written across the containers. */
    public List<Line> poll() {
        return merge(false);
    }

    /** Like {@link #poll}, then also the partial lines each container left unfinished (it has ended). */
    public List<Line> drain() {
        return merge(true);
    }

    private List<Line> merge(boolean flush) {
        List<Deque<Line>> queues = new ArrayList<>();
        for (Followed f : followed) {
            Deque<Line> q = new ArrayDeque<>(f.read());
            if (flush) {
                f.flush().ifPresent(q::addLast);
            }
            queues.add(q);
        }
        return interleave(queues);
    }

    /**
     * Merges the containers' lines by time; each container's own lines keep their order, and
     * lines of the same time keep the containers' order.
     */
    static List<Line> interleave(List<? extends Deque<Line>> queues) {
        List<Line> out = new ArrayList<>();
        while (true) {
            Deque<Line> next = null;
            for (Deque<Line> q : queues) {
                if (!q.isEmpty() && (next == null || q.peekFirst().time().isBefore(next.peekFirst().time()))) {
                    next = q;
                }
            }
            if (next == null) {
                return out;
            }
            out.add(next.removeFirst());
        }
    }

    /** A record's time; {@link Instant#EPOCH} when it cannot be read (the line then comes first). */
    static Instant time(String rfc3339) {
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** One log being followed: where it has been read up to, and the parts of a line not yet ended. */
    private static final class Followed {
        private final Source source;
        private Object fileKey;
        private long position;
        private final StringBuilder partial = new StringBuilder();
        private boolean partialStderr;
        private Instant partialTime = Instant.EPOCH;

        Followed(Source source) {
            this.source = source;
        }

        List<Line> read() {
            Path log = source.log();
            List<Line> lines = new ArrayList<>();
            try {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(log, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    return lines; // not started yet, or removed
                }
                Object key = attrs.fileKey();
                if (attrs.size() < position || (fileKey != null && key != null && !key.equals(fileKey))) {
                    position = 0; // a new log: read it from its start
                    partial.setLength(0);
                }
                fileKey = key;
                if (attrs.size() == position) {
                    return lines;
                }
                try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                    f.seek(position);
                    byte[] rest = new byte[(int) Math.min(CHUNK, f.length() - position)]; // conmon's records are far shorter
                    f.readFully(rest);
                    int start = 0;
                    for (int i = 0; i < rest.length; i++) {
                        if (rest[i] == '\n') {
                            record(new String(rest, start, i - start, StandardCharsets.UTF_8), lines);
                            start = i + 1;
                        }
                    }
                    position += start; // an incomplete record is read again next time
                }
            } catch (NoSuchFileException e) {
                return lines;
            } catch (IOException e) {
                throw new StateException("cannot read log " + log + ": " + e.getMessage(), e);
            }
            return lines;
        }

        private void record(String raw, List<Line> lines) {
            LogReader.Line r = LogReader.Line.parse(raw);
            if (!partial.isEmpty() && r.stderr() != partialStderr) {
                flush().ifPresent(lines::add); // the other stream's parts do not continue this line
            }
            partial.append(r.text());
            partialStderr = r.stderr();
            if (!r.partial()) {
                lines.add(new Line(source.pod(), source.container(), time(r.time()), r.stderr(), partial.toString()));
                partial.setLength(0);
            } else {
                partialTime = time(r.time());
            }
        }

        /** The parts of a line not ended yet, as a line. */
        Optional<Line> flush() {
            if (partial.isEmpty()) {
                return Optional.empty();
            }
            Line l = new Line(source.pod(), source.container(), partialTime, partialStderr, partial.toString());
            partial.setLength(0);
            return Optional.of(l);
        }
    }
}
