package io.jpod.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;
import java.util.function.Supplier;

/** Results of costly host probes, one small file each, so only the first command of a boot pays for them. */
final class ProbeCache {
    private final Path dir;

    ProbeCache(Path dir) {
        this.dir = dir;
    }

    <T> T get(String key, Supplier<T> probe, Function<String, T> parse, Function<T, String> format) {
        Path f = dir.resolve(key);
        try {
            if (Files.isRegularFile(f)) {
                return parse.apply(Files.readString(f));
            }
        } catch (IOException | RuntimeException stale) {
            // probe again below
        }
        T value = probe.get();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            Files.writeString(tmp, format.apply(value));
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // not cached: the next command probes again
        }
        return value;
    }
}
