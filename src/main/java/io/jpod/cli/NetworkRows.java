package io.jpod.cli;

import io.jpod.cli.format.Column;
import io.jpod.network.NetworkInfo;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A network as podman 4 shows it ({@code network inspect}, {@code network ls --format json}). */
final class NetworkRows {
    static final List<Column> TABLE = List.of(new Column("NETWORK ID", "{{.ID}}"), new Column("NAME", "{{.Name}}"),
            new Column("DRIVER", "{{.Driver}}"));

    private NetworkRows() {
    }

    static Map<String, Object> inspect(NetworkInfo n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", n.name());
        m.put("id", n.id());
        m.put("driver", "bridge");
        m.put("network_interface", n.bridge());
        m.put("created", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(n.created().atZone(ZoneId.systemDefault())));
        m.put("subnets", List.of(Map.of("subnet", n.subnet(), "gateway", n.gateway())));
        m.put("ipv6_enabled", false);
        m.put("internal", n.internal());
        m.put("dns_enabled", true);
        if (!n.labels().isEmpty()) {
            m.put("labels", n.labels());
        }
        m.put("ipam_options", Map.of("driver", "host-local"));
        if (!n.backend().isEmpty()) {
            m.put("options", Map.of("network_backend", n.backend())); // what carries its traffic out, while it is up
        }
        return m;
    }

    /** What a {@code network ls} template reads: podman's names ({{.Name}}, {{.ID}}, {{.Driver}}...). */
    static Map<String, Object> listed(NetworkInfo n) {
        Map<String, Object> m = new LinkedHashMap<>(inspect(n));
        m.put("Name", n.name());
        m.put("ID", n.id().substring(0, 12));
        m.put("Driver", "bridge");
        m.put("NetworkInterface", n.bridge());
        m.put("Subnets", n.subnet());
        m.put("Gateway", n.gateway());
        return m;
    }
}
