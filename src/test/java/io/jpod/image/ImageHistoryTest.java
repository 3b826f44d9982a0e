package io.jpod.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageHistoryTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2024-01-02T00:00:00Z");
    private static final Instant T2 = Instant.parse("2024-01-03T00:00:00Z");
    private static final String ID = "a".repeat(64);

    private static Image image(List<ImageConfig.History> history, List<String> layers) {
        ImageConfig config = ImageConfig.empty(T2, "linux", "amd64").withHistory(history);
        return new Image(ID, List.of("localhost/x:1"), "sha256:" + "b".repeat(64), T2, 30, config, layers, List.of());
    }

    @Test
    void layersGoToTheEntriesThatMadeThemNewestFirst() {
        Image image = image(List.of(new ImageConfig.History(T0, "ADD rootfs", null, "base", false),
                new ImageConfig.History(T1, "ENV A=1", null, null, true),
                new ImageConfig.History(T2, "RUN make", null, null, false)), List.of("sha256:l1", "sha256:l2"));
        assertEquals(List.of(new HistoryEntry(ID, T2, "RUN make", 20, ""),
                new HistoryEntry(HistoryEntry.MISSING, T1, "ENV A=1", 0, ""),
                new HistoryEntry(HistoryEntry.MISSING, T0, "ADD rootfs", 10, "base")), ImageHistory.of(image, List.of(10L, 20L)));
    }

    @Test
    void withoutHistoryOneEntryPerLayer() {
        Image image = image(List.of(), List.of("sha256:l1", "sha256:l2"));
        assertEquals(List.of(new HistoryEntry(ID, T2, "", 20, ""), new HistoryEntry(HistoryEntry.MISSING, T2, "", 10, "")),
                ImageHistory.of(image, List.of(10L, 20L)));
    }
}
