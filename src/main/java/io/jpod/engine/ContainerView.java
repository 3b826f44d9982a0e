package io.jpod.engine;

import io.jpod.image.TarExtractor;
import io.jpod.storage.MountedTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A container's files as {@code jpod cp} sees them, read from the OCI spec it was last started with: its root, the
 * bind mounts over it (volumes, hostPaths, ConfigMaps and Secrets, the pod's /etc files) and the user its process
 * runs as, who owns what is copied in. Pure: the spec is given.
 *
 * @param tree the root and its binds
 * @param user the container's process user and group
 */
record ContainerView(MountedTree tree, TarExtractor.Owner user) {

    /** A container never started: its root alone, owned by root. */
    static ContainerView rootOnly(Path root) {
        return new ContainerView(MountedTree.of(root), new TarExtractor.Owner(0, 0));
    }

    /** The view of {@code spec} (config.json) for the root mounted at {@code root}. */
    static ContainerView of(JsonNode spec, Path root) {
        List<MountedTree.Bind> binds = new ArrayList<>();
        for (JsonNode m : spec.path("mounts")) {
            String source = m.path("source").asString("");
            if (m.path("type").asString("").equals("bind") && source.startsWith("/")) {
                boolean readOnly = false;
                for (JsonNode o : m.path("options")) {
                    readOnly |= o.asString("").equals("ro");
                }
                binds.add(new MountedTree.Bind(m.path("destination").asString("/"), Path.of(source), readOnly));
            }
        }
        JsonNode user = spec.path("process").path("user");
        return new ContainerView(new MountedTree(root, spec.path("root").path("readonly").asBoolean(false), binds),
                new TarExtractor.Owner(user.path("uid").asLong(0), user.path("gid").asLong(0)));
    }
}
