package io.jpod.cli;

import io.jpod.cli.format.Column;
import io.jpod.engine.VolumeService.VolumeInfo;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Volumes as podman shows them: {@code podman volume inspect} objects, also the rows of {@code volume ls}. */
final class VolumeRows {
    static final List<Column> TABLE = List.of(new Column("DRIVER", "{{.Driver}}"), new Column("VOLUME NAME", "{{.Name}}"));

    private VolumeRows() {
    }

    static Map<String, Object> inspect(VolumeInfo v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", v.row().name());
        m.put("Driver", v.row().driver());
        m.put("Mountpoint", v.mountpoint().toString());
        m.put("CreatedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(v.row().created().atZone(ZoneId.systemDefault())));
        m.put("Labels", v.row().labels());
        m.put("Scope", "local");
        m.put("Options", v.row().options());
        m.put("MountCount", 0);
        m.put("NeedsCopyUp", true);
        m.put("NeedsChown", true);
        m.put("Anonymous", false);
        m.put("Containers", v.users());
        return m;
    }
}
