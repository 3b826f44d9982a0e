package io.jpod.engine;

import io.jpod.engine.PodService.ContainerInfo;
import io.jpod.engine.PodService.PodInfo;
import io.jpod.engine.VolumeService.VolumeInfo;
import io.jpod.error.JpodException;
import io.jpod.events.Events;
import io.jpod.host.HostFacts;
import io.jpod.image.Image;
import io.jpod.state.ContainerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The disk jpod uses and what can be given back ({@code jpod system df}, {@code jpod system prune}): images, the
 * containers' writable layers, named volumes.
 */
public final class DiskService {
    private final PodService pods;
    private final ImageService images;
    private final VolumeService volumes;
    private final Events events;

    DiskService(PodService pods, ImageService images, VolumeService volumes, Events events) {
        this.pods = pods;
        this.images = images;
        this.volumes = volumes;
        this.events = events;
    }

    /** An image and how many containers use it. */
    public record ImageUsage(Image image, int containers) {
    }

    /** A container and the bytes of its writable layer. */
    public record ContainerUsage(ContainerInfo container, long size) {
        public boolean active() {
            return container.current() == ContainerState.RUNNING;
        }
    }

    /** A named volume and the bytes of its data. */
    public record VolumeUsage(VolumeInfo volume, long size) {
    }

    /** What {@code system df} shows. */
    public record Usage(List<ImageUsage> images, List<ContainerUsage> containers, List<VolumeUsage> volumes) {
    }

    public Usage usage() {
        Map<String, Integer> counts = images.containerCounts();
        List<ImageUsage> imageUsage = images.list().stream().map(i -> new ImageUsage(i, counts.getOrDefault(i.id(), 0))).toList();
        List<ContainerUsage> containers = pods.containers().stream().map(c -> new ContainerUsage(c, writableSize(c))).toList();
        List<VolumeUsage> vols = volumes.list().stream().map(v -> new VolumeUsage(v, du(v.mountpoint()))).toList();
        return new Usage(imageUsage, containers, vols);
    }

    /** What {@code system prune} removed, each kind in podman's order, and the bytes given back. */
    public record PruneReport(List<String> pods, List<String> volumes, List<String> images, long reclaimed) {
    }

    /**
     * Removes the pods none of whose containers runs, then (with {@code withVolumes}) the volumes no pod uses, then the
     * images no container uses: the dangling ones, or every one with {@code allImages}. A pod that cannot be removed is a
     * warning; the rest goes on.
     */
    public PruneReport prune(boolean allImages, boolean withVolumes) {
        Usage before = usage();
        long reclaimed = 0;
        List<String> removedPods = new ArrayList<>();
        for (PodInfo p : pods.pods()) {
            if (p.containers().stream().noneMatch(c -> c.current() == ContainerState.RUNNING)) {
                try {
                    pods.removePod(p.pod().id(), true);
                    removedPods.add(p.pod().id());
                    reclaimed += before.containers().stream().filter(c -> c.container().row().podId().equals(p.pod().id()))
                            .mapToLong(ContainerUsage::size).sum();
                } catch (JpodException e) {
                    events.warning("pod " + p.pod().name() + " was not removed: " + e.getMessage());
                }
            }
        }
        List<String> removedVolumes = withVolumes ? volumes.prune() : List.of();
        reclaimed += before.volumes().stream().filter(v -> removedVolumes.contains(v.volume().row().name())).mapToLong(VolumeUsage::size).sum();
        List<String> removedImages = images.prune(allImages);
        reclaimed += before.images().stream().filter(i -> removedImages.contains(i.image().id())).mapToLong(i -> i.image().size()).sum();
        return new PruneReport(removedPods, removedVolumes, removedImages, reclaimed);
    }

    /** The bytes a container wrote: its overlay's upper directory, or its whole copied root. */
    private long writableSize(ContainerInfo c) {
        if (c.row().infra()) {
            return 0;
        }
        ContainerLifecycle life = pods.lifecycle();
        var layout = life.paths(c.row().id()).overlay();
        return du(life.storageDriver(c.row()) == HostFacts.StorageDriver.COPY ? layout.merged() : layout.upper());
    }

    /** The bytes of the regular files below {@code dir} (0 when it is missing or unreadable). */
    static long du(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.mapToLong(DiskService::sizeOf).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long sizeOf(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? a.size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
