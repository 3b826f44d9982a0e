package io.jpod.cli;

import io.jpod.cli.format.Column;
import io.jpod.cli.format.Output;
import io.jpod.engine.DiskService.ContainerUsage;
import io.jpod.engine.DiskService.ImageUsage;
import io.jpod.engine.DiskService.Usage;
import io.jpod.engine.DiskService.VolumeUsage;
import io.jpod.image.ImageReference;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code system df}'s rows, as podman's: the summary per type, and with {@code -v} a table per type. */
final class DiskRows {
    static final List<Column> SUMMARY = List.of(new Column("TYPE", "{{.Type}}"), new Column("TOTAL", "{{.Total}}"),
            new Column("ACTIVE", "{{.Active}}"), new Column("SIZE", "{{.Size}}"), new Column("RECLAIMABLE", "{{.Reclaimable}}"));
    static final List<Column> IMAGES = List.of(new Column("REPOSITORY", "{{.Repository}}"), new Column("TAG", "{{.Tag}}"),
            new Column("IMAGE ID", "{{.ImageID}}"), new Column("CREATED", "{{.Created}}"), new Column("SIZE", "{{.Size}}"),
            new Column("SHARED SIZE", "{{.SharedSize}}"), new Column("UNIQUE SIZE", "{{.UniqueSize}}"),
            new Column("CONTAINERS", "{{.Containers}}"));
    static final List<Column> CONTAINERS = List.of(new Column("CONTAINER ID", "{{.ContainerID}}"), new Column("IMAGE", "{{.Image}}"),
            new Column("COMMAND", "{{.Command}}"), new Column("LOCAL VOLUMES", "{{.LocalVolumes}}"), new Column("SIZE", "{{.Size}}"),
            new Column("CREATED", "{{.Created}}"), new Column("STATUS", "{{.Status}}"), new Column("NAMES", "{{.Names}}"));
    static final List<Column> VOLUMES = List.of(new Column("VOLUME NAME", "{{.VolumeName}}"), new Column("LINKS", "{{.Links}}"),
            new Column("SIZE", "{{.Size}}"));

    private DiskRows() {
    }

    /** The three summary rows: Images, Containers, Local Volumes. */
    static List<Map<String, Object>> summary(Usage u) {
        return List.of(
                row("Images", u.images().size(), u.images().stream().filter(i -> i.containers() > 0).count(),
                        u.images().stream().mapToLong(i -> i.image().size()).sum(),
                        u.images().stream().filter(i -> i.containers() == 0).mapToLong(i -> i.image().size()).sum()),
                row("Containers", u.containers().size(), u.containers().stream().filter(ContainerUsage::active).count(),
                        u.containers().stream().mapToLong(ContainerUsage::size).sum(),
                        u.containers().stream().filter(c -> !c.active()).mapToLong(ContainerUsage::size).sum()),
                row("Local Volumes", u.volumes().size(), u.volumes().stream().filter(v -> !v.volume().unused()).count(),
                        u.volumes().stream().mapToLong(VolumeUsage::size).sum(),
                        u.volumes().stream().filter(v -> v.volume().unused()).mapToLong(VolumeUsage::size).sum()));
    }

    private static Map<String, Object> row(String type, int total, long active, long size, long reclaimable) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Type", type);
        m.put("Total", total);
        m.put("Active", active);
        m.put("Size", Output.diskSize(size));
        m.put("Reclaimable", reclaimable(reclaimable, size));
        m.put("RawSize", size);
        m.put("RawReclaimable", reclaimable);
        return m;
    }

    /** podman's "2.141MB (100%)": the bytes and their share of the total, rounded. */
    static String reclaimable(long reclaimable, long size) {
        long percent = size == 0 ? 0 : Math.round(reclaimable * 100.0 / size);
        return Output.diskSize(reclaimable) + " (" + percent + "%)";
    }

    static Map<String, Object> image(ImageUsage i, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        ImageReference ref = i.image().names().isEmpty() ? null : ImageReference.parse(i.image().names().get(0));
        m.put("Repository", ref == null ? "<none>" : ref.name());
        m.put("Tag", ref == null || ref.tag() == null ? "<none>" : ref.tag());
        m.put("ImageID", i.image().shortId());
        m.put("Created", Output.humanDuration(Duration.between(i.image().created(), now)));
        m.put("Size", Output.diskSize(i.image().size()));
        m.put("SharedSize", Output.diskSize(0));
        m.put("UniqueSize", Output.diskSize(i.image().size()));
        m.put("Containers", i.containers());
        return m;
    }

    static Map<String, Object> container(ContainerUsage c, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ContainerID", Views.shortId(c.container().row().id()));
        m.put("Image", c.container().row().imageId() == null ? "" : Views.shortId(c.container().row().imageId()));
        m.put("Command", Views.command(c.container().row(), false));
        m.put("LocalVolumes", c.container().mounts().size());
        m.put("Size", Output.diskSize(c.size()));
        m.put("Created", Output.humanDuration(Duration.between(c.container().row().created(), now)));
        m.put("Status", c.container().current().label());
        m.put("Names", c.container().row().name());
        return m;
    }

    static Map<String, Object> volume(VolumeUsage v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("VolumeName", v.volume().row().name());
        m.put("Links", v.volume().pods().size());
        m.put("Size", Output.diskSize(v.size()));
        return m;
    }
}
