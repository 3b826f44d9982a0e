package io.jpod.engine;

import io.jpod.error.StateException;
import io.jpod.host.Processes;
import io.jpod.state.ContainerState;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Reads conmon's k8s-file logs: {@code <RFC3339Nano> stdout|stderr F|P <text>} per line. */
public final class LogReader {
    private LogReader() {
    }

    /** One log record; {@code partial} when the container wrote no newline after it (P). */
    public record Line(String time, boolean stderr, boolean partial, String text) {
        static Line parse(String raw) {
            String[] f = raw.split(" ", 4);
            if (f.length < 3) {
                return new Line("", false, false, raw);
            }
            return new Line(f[0], "stderr".equals(f[1]), "P".equals(f[2]), f.length == 4 ? f[3] : "");
        }

        /** When it was written (conmon's RFC 3339 time with nanoseconds), or null when the record has none. */
        public Instant instant() {
            try {
                return OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /**
     * Sends the log's lines to {@code sink}: the last {@code tail} ones (all when negative), then,
     * when {@code follow}, new ones until the container is no longer running.
     */
    public static void read(Path log, int tail, boolean follow, Supplier<PodService.ContainerInfo> container, Consumer<Line> sink) {
        try {
            if (!Files.exists(log)) {
                if (!follow) {
                    return;
                }
                while (!Files.exists(log) && running(container)) {
                    Processes.sleep(100);
                }
                if (!Files.exists(log)) {
                    return;
                }
            }
            try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                Deque<Line> last = new ArrayDeque<>();
                String raw;
                while ((raw = readLine(f)) != null) {
                    Line l = Line.parse(raw);
                    if (tail < 0) {
                        sink.accept(l);
                    } else if (tail > 0) {
                        last.addLast(l);
                        if (last.size() > tail) {
                            last.removeFirst();
                        }
                    }
                }
                last.forEach(sink);
                if (!follow) {
                    return;
                }
                boolean alive = true;
                while (true) {
                    long pos = f.getFilePointer();
                    raw = readLine(f);
                    if (raw != null) {
                        sink.accept(Line.parse(raw));
                        continue;
                    }
                    f.seek(pos);
                    if (!alive) {
                        return;
                    }
                    alive = running(container);
                    Processes.sleep(alive ? 100 : 0);
                }
            }
        } catch (IOException e) {
            throw new StateException("cannot read log " + log + ": " + e.getMessage(), e);
        }
    }

    private static boolean running(Supplier<PodService.ContainerInfo> container) {
        try {
            return container.get().current().live();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A complete line (without its newline), or null when none is complete yet (the position is then unchanged). */
    private static String readLine(RandomAccessFile f) throws IOException {
        long start = f.getFilePointer();
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = f.read(chunk)) > 0) {
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    line.write(chunk, 0, i);
                    f.seek(f.getFilePointer() - n + i + 1);
                    return line.toString(StandardCharsets.UTF_8);
                }
            }
            line.write(chunk, 0, n);
        }
        f.seek(start);
        return null;
    }
}
