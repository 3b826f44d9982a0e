package io.jpod.engine;

import io.jpod.events.Events;
import io.jpod.host.HostFacts;
import io.jpod.host.HostProbe;
import io.jpod.host.Privileges;
import io.jpod.image.ImageStore;
import io.jpod.network.PodNetwork;
import io.jpod.state.Database;
import io.jpod.state.KubeObjectStore;
import io.jpod.state.StateStore;
import java.util.ArrayList;
import java.util.List;

/**
 * jpod's engine API: what the CLI calls. It owns the host facts, the state store and the stores
 * built on them; it never prints: it returns reports and tells {@link Events}.
 */
public final class Engine implements AutoCloseable {
    private final HostFacts host;
    private final Database db;
    private final Events events;
    private final ImageStore images;
    private final PodEngine pods;
    private KubeService kube;

    private Engine(HostFacts host, Database db, Events events) {
        this.host = host;
        this.db = db;
        this.events = events;
        this.images = new ImageStore(db, host.paths(), Privileges.current());
        StateStore state = new StateStore(db);
        this.pods = new PodEngine(state, new LocalImages(images, events), new ContainerLifecycle(host, state, exitCommand(),
                PodNetwork.discover()));
    }

    /** Discovers the host (once) and opens the state store. {@code runtime} and {@code storageDriver} may override the probes, or be null. */
    public static Engine open(String runtime, String storageDriver, Events events) {
        HostFacts host = HostProbe.discover(runtime, storageDriver);
        return new Engine(host, Database.open(host.paths().database()), events);
    }

    /** conmon runs this when a container exits: {@code jpod container cleanup ID}. */
    private static List<String> exitCommand() {
        String launcher = System.getenv("JPOD_LAUNCHER");
        if (launcher == null || launcher.isEmpty()) {
            return List.of();
        }
        return new ArrayList<>(List.of(launcher, "container", "cleanup"));
    }

    public HostFacts host() {
        return host;
    }

    public Database database() {
        return db;
    }

    public Events events() {
        return events;
    }

    /** The local image store. */
    public ImageStore images() {
        return images;
    }

    public PodEngine pods() {
        return pods;
    }

    public SystemService system() {
        return new SystemService(host, pods);
    }

    /** The YAML side; loading it loads the Kubernetes model, so only kube commands ask for it. */
    public KubeService kube() {
        if (kube == null) {
            kube = new KubeService(pods, new KubeObjectStore(db), events);
        }
        return kube;
    }

    @Override
    public void close() {
        db.close();
    }
}
