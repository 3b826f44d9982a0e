package io.jpod.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An image's history as {@code podman history} lists it, newest first: each entry of the configuration's history,
 * a layer's size given to the entry that made it (empty-layer entries have none), the image's id on the newest entry
 * and {@code <missing>} on the others. An image without history shows one entry per layer.
 */
public final class ImageHistory {
    private ImageHistory() {
    }

    /** {@code image}'s history; {@code layerSizes} are its layers' sizes, bottom first, as {@link Image#layers()}. */
    public static List<HistoryEntry> of(Image image, List<Long> layerSizes) {
        List<HistoryEntry> out = new ArrayList<>();
        List<ImageConfig.History> history = image.config().history();
        if (history.isEmpty()) {
            for (long size : layerSizes) {
                out.add(new HistoryEntry(HistoryEntry.MISSING, image.created(), "", size, ""));
            }
        } else {
            int layer = 0;
            for (ImageConfig.History h : history) {
                long size = !h.emptyLayer() && layer < layerSizes.size() ? layerSizes.get(layer++) : 0;
                out.add(new HistoryEntry(HistoryEntry.MISSING, h.created() == null ? image.created() : h.created(), nullToEmpty(h.createdBy()), size,
                        nullToEmpty(h.comment())));
            }
        }
        Collections.reverse(out);
        if (!out.isEmpty()) {
            HistoryEntry top = out.get(0);
            out.set(0, new HistoryEntry(image.id(), top.created(), top.createdBy(), top.size(), top.comment()));
        }
        return List.copyOf(out);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
