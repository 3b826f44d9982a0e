package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.image.TarExtractor;
import io.jpod.json.Json;
import io.jpod.storage.MountedTree;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerViewTest {
    private static final String SPEC = """
            {"process": {"user": {"uid": 1000, "gid": 100}},
             "root": {"path": "/merged", "readonly": false},
             "mounts": [
               {"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid"]},
               {"destination": "/etc/hosts", "type": "bind", "source": "/u/hosts", "options": ["rbind", "rw"]},
               {"destination": "/etc/config", "type": "bind", "source": "/v/config", "options": ["rbind", "ro"]},
               {"destination": "/data", "type": "bind", "source": "/v/data", "options": ["rbind", "rw"]}
             ]}
            """;

    @Test
    void theBindsAndTheUserOfTheSpec() {
        ContainerView view = ContainerView.of(Json.mapper().readTree(SPEC), Path.of("/root"));
        assertEquals(new TarExtractor.Owner(1000, 100), view.user());
        assertEquals(List.of(new MountedTree.Bind("/etc/hosts", Path.of("/u/hosts"), false),
                new MountedTree.Bind("/etc/config", Path.of("/v/config"), true),
                new MountedTree.Bind("/data", Path.of("/v/data"), false)), view.tree().binds(), "only bind mounts");
        assertEquals(Path.of("/root"), view.tree().root());
        assertFalse(view.tree().rootReadOnly());
    }

    @Test
    void aReadOnlyRootAndAContainerNeverStarted() {
        assertTrue(ContainerView.of(Json.mapper().readTree("{\"root\": {\"readonly\": true}}"), Path.of("/r")).tree().rootReadOnly());
        ContainerView never = ContainerView.rootOnly(Path.of("/r"));
        assertEquals(List.of(), never.tree().binds());
        assertEquals(new TarExtractor.Owner(0, 0), never.user());
    }
}
