package io.jpod.cli;

import io.jpod.cli.format.Column;
import io.jpod.cli.format.Output;
import io.jpod.engine.SecretService.SecretInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Secrets as podman shows them: never their values. */
final class SecretRows {
    static final List<Column> TABLE = List.of(new Column("ID", "{{.ID}}"), new Column("NAME", "{{.Name}}"),
            new Column("DRIVER", "{{.Driver}}"), new Column("CREATED", "{{.CreatedAt}}"), new Column("UPDATED", "{{.UpdatedAt}}"));

    private SecretRows() {
    }

    /** A row of {@code secret ls}: times as podman's table says them ("5 minutes ago"). */
    static Map<String, Object> row(SecretInfo s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", s.id());
        m.put("Name", s.name());
        m.put("Driver", s.driver());
        m.put("CreatedAt", Output.ago(Duration.between(s.created(), now)));
        m.put("UpdatedAt", Output.ago(Duration.between(s.updated(), now)));
        return m;
    }

    /** {@code secret inspect}'s object: the spec without the data. */
    static Map<String, Object> inspect(SecretInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", s.id());
        m.put("CreatedAt", s.created().toString());
        m.put("UpdatedAt", s.updated().toString());
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("Name", s.driver());
        driver.put("Options", Map.of());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("Name", s.name());
        spec.put("Driver", driver);
        spec.put("Labels", Map.of());
        m.put("Spec", spec);
        return m;
    }
}
