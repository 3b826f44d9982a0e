package io.jpod.engine;

import io.jpod.host.HostFacts;
import io.jpod.host.HostProbe;
import io.jpod.host.Privileges;
import io.jpod.image.ImageStore;
import io.jpod.state.Database;

/**
 * jpod's engine API: what the CLI calls. It owns the host facts, the state store and the stores
 * built on them; it never prints.
 */
public final class Engine implements AutoCloseable {
    private final HostFacts host;
    private final Database db;
    private final ImageStore images;

    private Engine(HostFacts host, Database db) {
        this.host = host;
        this.db = db;
        this.images = new ImageStore(db, host.paths(), Privileges.current());
    }

    /** Discovers the host (once) and opens the state store. {@code runtime} may name the OCI runtime, or be null. */
    public static Engine open(String runtime) {
        HostFacts host = HostProbe.discover(runtime);
        return new Engine(host, Database.open(host.paths().database()));
    }

    public HostFacts host() {
        return host;
    }

    public Database database() {
        return db;
    }

    /** The local image store. */
    public ImageStore images() {
        return images;
    }

    @Override
    public void close() {
        db.close();
    }
}
