package io.jpod.engine;

import io.jpod.events.Events;
import io.jpod.host.HostFacts;
import io.jpod.host.HostProbe;
import io.jpod.host.Privileges;
import io.jpod.image.ImageStore;
import io.jpod.network.NetworkBackend;
import io.jpod.network.PodNetwork;
import io.jpod.probe.NetnsProber;
import io.jpod.probe.ProbeResult;
import io.jpod.state.AutoUpdateTable;
import io.jpod.state.BackOffTable;
import io.jpod.state.Database;
import io.jpod.state.EventTable;
import io.jpod.state.ImageTable;
import io.jpod.state.KubeObjectStore;
import io.jpod.state.ProbeTable;
import io.jpod.state.StateStore;
import io.jpod.state.VolumeStore;
import io.jpod.state.WorkloadTable;
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
    private final ImageService images;
    private final PodService pods;
    private final MetricsService metrics;
    private final VolumeService volumes;
    private final NetworkService networks;
    private final EventLog eventLog;
    private final Workloads workloads;
    private final AutoUpdateTable autoUpdates;
    private final UpdateHolds updateHolds;
    private KubeService kube;

    private Engine(HostFacts host, NetworkBackend networkBackend, Database db, Events events) {
        this.host = host;
        this.db = db;
        this.events = events;
        this.eventLog = new EventLog(new EventTable(db), events);
        this.images = new ImageService(new ImageStore(new ImageTable(db), host.paths(), Privileges.current(), host.architecture()),
                imageId -> pods().removeContainersUsing(imageId), eventLog);
        StateStore state = new StateStore(db);
        ContainerLifecycle life = new ContainerLifecycle(host, state, exitCommand(), PodNetwork.of(networkBackend, host.slirp4netns(),
                host.paths().runDir().resolve("networks"), host.paths().dataDir().resolve("networks"), () -> NetServices.of(new KubeObjectStore(db)),
                !host.rootless()), eventLog, events);
        NetnsProber netns = new NetnsProber();
        Prober prober = new Prober(life, new ProbeExec(life, host.build().beside(ProbeExec.HELPER), events), (path, action, ports, podIp, timeout) -> {
            ProbeResult r = netns.check(path, action, ports, podIp, timeout);
            return new Prober.Outcome(r.success(), r.success() ? null : r.message());
        });
        WorkloadTable workloadTable = new WorkloadTable(db);
        this.autoUpdates = new AutoUpdateTable(db);
        Kubelet kubelet = new Kubelet(state, new BackOffTable(db), new ProbeTable(db), prober, life, launcher(),
                host.paths().runDir(), events, eventLog,
                () -> workloadTable.any() || autoUpdates.supervisorWork(io.jpod.host.Processes::running));
        this.pods = new PodService(state, new LocalImages(images, events), life, kubelet, eventLog);
        this.metrics = new MetricsService(pods, life, new ContainerMetrics(host.cgroups()));
        this.workloads = new Workloads(workloadTable, pods, eventLog, events, kubelet::ensureSupervisor);
        this.updateHolds = new UpdateHolds(autoUpdates, UpdateMove.self(), io.jpod.host.Processes::running, UpdateHolds.WAIT,
                System::nanoTime, io.jpod.host.Processes::sleep, kubelet::ensureSupervisor);
        this.networks = new NetworkService(life.network(), state, pods);
        this.volumes = new VolumeService(new VolumeStore(db), state, pods, host.paths().volumes(), eventLog);
    }

    /**
     * Discovers the host (once) and opens the state store. {@code runtime} and {@code storageDriver} may override the probes, or be
     * null; {@code networkBackend} is what a shared network made by this command gets (null: {@link NetworkBackend#DEFAULT}).
     */
    public static Engine open(String runtime, String storageDriver, String networkBackend, Events events) {
        NetworkBackend backend = NetworkBackend.parse(networkBackend);
        long t0 = System.nanoTime();
        HostFacts host = HostProbe.discover(runtime, storageDriver);
        long t1 = System.nanoTime();
        Database db = Database.open(host.paths().database());
        long t2 = System.nanoTime();
        Engine engine = new Engine(host, backend, db, events);
        events.debug("engine: host facts " + (t1 - t0) / 1_000_000 + " ms, state store " + (t2 - t1) / 1_000_000
                + " ms, services " + (System.nanoTime() - t2) / 1_000_000 + " ms");
        return engine;
    }

    /** The argv that runs jpod (bin/jpod, which says where it is), or empty when jpod runs without its launcher. */
    private static List<String> launcher() {
        String launcher = System.getenv("JPOD_LAUNCHER");
        return launcher == null || launcher.isEmpty() ? List.of() : List.of(launcher);
    }

    /** conmon runs this when a container exits: {@code jpod container cleanup ID}. */
    private static List<String> exitCommand() {
        List<String> launcher = launcher();
        if (launcher.isEmpty()) {
            return List.of();
        }
        List<String> argv = new ArrayList<>(launcher);
        argv.addAll(List.of("container", "cleanup"));
        return argv;
    }

    public HostFacts host() {
        return host;
    }

    public Events events() {
        return events;
    }

    /** Images and registries. */
    public ImageService images() {
        return images;
    }

    public PodService pods() {
        return pods;
    }

    /** What containers run and use (top, stats). */
    public MetricsService metrics() {
        return metrics;
    }

    /** The networks pods join by name. */
    public NetworkService networks() {
        return networks;
    }

    /** Named volumes. */
    public VolumeService volumes() {
        return volumes;
    }

    /** What happened to pods, containers and images ({@code jpod events}). */
    public EventLog eventLog() {
        return eventLog;
    }

    public SystemService system() {
        return new SystemService(host, pods, workloads,
                new ScheduledUpdates(autoUpdates, launcher(), host.paths().runDir().resolve("auto-update.log")));
    }

    /** Containers' files: {@code cp} and {@code diff}. */
    public FilesService files() {
        return new FilesService(pods, events);
    }

    /** The Secrets played and created ({@code jpod secret}). */
    public SecretService secrets() {
        return new SecretService(new KubeObjectStore(db));
    }

    /** The disk jpod uses ({@code system df}) and what {@code system prune} gives back. */
    public DiskService disk() {
        return new DiskService(pods, images, volumes, events);
    }

    /** The Deployments, DaemonSets and Jobs played, and their controllers. */
    public Workloads workloads() {
        return workloads;
    }

    /** {@code jpod auto-update}: pods following their images. */
    public AutoUpdateService autoUpdate() {
        return new AutoUpdateService(pods, images, workloads, autoUpdates, events, eventLog,
                pods.kubelet()::ensureSupervisor);
    }

    /** The YAML side; loading it loads the Kubernetes model, so only kube commands ask for it. */
    public KubeService kube() {
        if (kube == null) {
            kube = new KubeService(pods, volumes, new KubeObjectStore(db), events, NodeProbe.discover(pods), workloads, updateHolds);
        }
        return kube;
    }

    @Override
    public void close() {
        db.close();
    }
}
