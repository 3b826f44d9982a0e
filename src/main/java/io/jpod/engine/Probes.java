package io.jpod.engine;

import io.jpod.events.Events;
import io.jpod.host.Processes;
import io.jpod.kubelet.ProbeState;
import io.jpod.kubelet.ProbeState.Kind;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.NetworkMode;
import io.jpod.pod.Probe;
import io.jpod.state.ContainerRow;
import io.jpod.state.ContainerState;
import io.jpod.state.Database;
import io.jpod.state.PodRow;
import io.jpod.state.ProbeTable;
import io.jpod.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The supervisor's prober: tries the startup, liveness and readiness probes of running containers
 * when they are due (the startup probe first; the others once it has passed), keeps their results
 * in the state store, and kills a container whose liveness or startup probe failed (its restart
 * policy then applies, as to any exit). What is due is worked out from the store: the
 * container's start and each probe's last try, read again when the store has changed.
 */
final class Probes {
    /** How long a schedule read from an unchanged store is kept (a process may die without a store write). */
    private static final Duration CACHE_AT_MOST = Duration.ofSeconds(2);
    private final StateStore state;
    private final ProbeTable table;
    private final Prober prober;
    private final ContainerLifecycle life;
    private final Events events;
    private final EventLog eventLog;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private ExecutorService pool;
    private List<Due> cached;
    private Database.ChangeMark cachedMark;
    private Instant cachedUntil = Instant.MIN;

    Probes(StateStore state, ProbeTable table, Prober prober, ContainerLifecycle life, Events events, EventLog eventLog) {
        this.eventLog = eventLog;
        this.state = state;
        this.table = table;
        this.prober = prober;
        this.life = life;
        this.events = events;
    }

    /** A probe of a running container, and when it is due. */
    record Due(PodRow pod, ContainerRow container, ContainerSpec spec, Kind kind, Probe probe, ProbeState before, Instant at,
            long infraPid) {
        String key() {
            return container.id() + "/" + kind.word();
        }
    }

    static Probe probe(ContainerSpec spec, Kind kind) {
        return switch (kind) {
            case STARTUP -> spec.startupProbe();
            case LIVENESS -> spec.livenessProbe();
            case READINESS -> spec.readinessProbe();
        };
    }

    /** The probe's state in the container's current run ({@link ProbeState#FRESH} when its row is of an earlier run). */
    static ProbeState current(ContainerRow c, Map<String, ProbeTable.Row> rows, Kind kind) {
        ProbeTable.Row r = rows == null ? null : rows.get(kind.word());
        if (r == null || c.status().startedAt() == null || !r.runStarted().equals(c.status().startedAt().truncatedTo(
                java.time.temporal.ChronoUnit.MILLIS))) {
            return ProbeState.FRESH;
        }
        return new ProbeState(r.successes(), r.failures(), r.passed(), r.lastAt(), r.message());
    }

    /** Whether a running container counts as started (no startup probe, or it passed) and ready (its readiness probe too). */
    static boolean ready(ContainerRow c, ContainerSpec spec, Map<String, ProbeTable.Row> rows) {
        boolean started = spec.startupProbe() == null || Boolean.TRUE.equals(current(c, rows, Kind.STARTUP).passed());
        return started && (spec.readinessProbe() == null || Boolean.TRUE.equals(current(c, rows, Kind.READINESS).passed()));
    }

    /**
     * Every probe of every running probed container with when it is next due. Read from the store
     * again only when the store has changed (a container started or exited, a probe's result was
     * written) or a few seconds have passed: the supervisor asks four times a second, and reading
     * every pod's spec each time cost about 1 % of a core per pod.
     */
    synchronized List<Due> schedule() {
        Instant now = Instant.now();
        Database.ChangeMark mark = state.changeMark();
        if (cached == null || !mark.equals(cachedMark) || now.isAfter(cachedUntil)) {
            cached = readSchedule();
            cachedMark = mark;
            cachedUntil = now.plus(CACHE_AT_MOST);
        }
        return cached;
    }

    private List<Due> readSchedule() {
        Map<String, Map<String, ProbeTable.Row>> rows = table.all();
        List<Due> out = new ArrayList<>();
        for (PodRow pod : state.pods()) {
            if (pod.spec().allContainers().stream().noneMatch(ContainerSpec::probed)) {
                continue;
            }
            List<ContainerRow> cs = state.containersOf(pod.id());
            Optional<ContainerRow> infra = cs.stream().filter(ContainerRow::infra)
                    .filter(i -> i.status().state() == ContainerState.RUNNING && Processes.running(i.status().pid())).findFirst();
            if (infra.isEmpty()) {
                continue;
            }
            for (ContainerRow c : cs) {
                ContainerSpec spec = c.infra() ? null : pod.spec().container(c.config().kubeName());
                if (spec == null || !spec.probed() || c.status().state() != ContainerState.RUNNING || c.status().startedAt() == null
                        || !Processes.running(c.status().pid())) {
                    continue;
                }
                Map<String, ProbeTable.Row> mine = rows.get(c.id());
                boolean started = spec.startupProbe() == null || Boolean.TRUE.equals(current(c, mine, Kind.STARTUP).passed());
                for (Kind kind : started ? List.of(Kind.LIVENESS, Kind.READINESS) : List.of(Kind.STARTUP)) {
                    Probe p = probe(spec, kind);
                    if (p == null) {
                        continue;
                    }
                    ProbeState s = current(c, mine, kind);
                    out.add(new Due(pod, c, spec, kind, p, s, s.nextAt(c.status().startedAt(), p), infra.get().status().pid()));
                }
            }
        }
        return out;
    }

    /** When the next probe is due, if any container is probed; probes being tried do not count. */
    Optional<Instant> nextDue() {
        return schedule().stream().filter(d -> !inFlight.contains(d.key())).map(Due::at).min(Instant::compareTo);
    }

    /** Starts every probe due at {@code now} (each on the prober's threads, so that a slow one holds no other back). */
    void runDue(Instant now) {
        for (Due d : schedule()) {
            if (d.at().isAfter(now) || !inFlight.add(d.key())) {
                continue;
            }
            pool().submit(() -> {
                try {
                    tryOnce(d);
                } catch (RuntimeException e) {
                    events.warning("probe of " + d.container().name() + ": " + e.getMessage());
                } finally {
                    inFlight.remove(d.key());
                }
            });
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "prober");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    private void tryOnce(Due d) {
        Instant at = Instant.now();
        Prober.Outcome o = prober.run(d.container(), d.spec(), d.pod(), d.probe().action(),
                Duration.ofSeconds(Math.max(1, d.probe().timeoutSeconds())), d.infraPid());
        ProbeState after = d.before().after(o.success(), at, o.message(), d.probe());
        table.put(new ProbeTable.Row(d.container().id(), d.kind().word(),
                d.container().status().startedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), after.successes(),
                after.failures(), after.passed(), after.lastAt(), after.message()));
        if (d.kind() != Kind.LIVENESS && d.pod().spec().network() == NetworkMode.BRIDGE && !Objects.equals(after.passed(), d.before().passed())) {
            shareReadiness(d.pod());
        }
        if (!o.success()) {
            events.progress(d.container().name(), d.kind().word() + " probe failed: " + o.message());
            eventLog.container(d.container(), "unhealthy", Map.of("probe", d.kind().word(), "message", String.valueOf(o.message())));
        }
        if (d.kind() != Kind.READINESS && after.justFailed(d.before())) {
            long grace = d.probe().terminationGracePeriodSeconds() != null ? d.probe().terminationGracePeriodSeconds()
                    : d.pod().spec().stopTimeoutSeconds();
            events.progress(d.container().name(), "container failed its " + d.kind().word() + " probe, will be restarted");
            eventLog.container(d.container(), "killing", Map.of("reason", "failed " + d.kind().word() + " probe"));
            try (Locks.Held l = life.lock(d.container().id())) {
                Optional<ContainerRow> now = state.container(d.container().id());
                if (now.isPresent() && now.get().status().pid() == d.container().status().pid() && !now.get().status().stopRequested()) {
                    life.killLocked(now.get(), grace);
                }
            }
        }
    }

    /** Tells the shared network whether the pod is ready now (every app container running and ready): Services follow it. */
    private void shareReadiness(PodRow pod) {
        Map<String, Map<String, ProbeTable.Row>> rows = table.all();
        boolean ready = true;
        for (ContainerRow c : state.containersOf(pod.id())) {
            if (c.infra()) {
                continue;
            }
            Optional<ContainerSpec> spec = pod.spec().containers().stream().filter(s -> s.name().equals(c.config().kubeName())).findFirst();
            ready &= c.status().state() == ContainerState.RUNNING && spec.map(s -> ready(c, s, rows.getOrDefault(c.id(), Map.of()))).orElse(true);
        }
        life.network().setReady(life.paths(pod.infraId()).run(), ready);
    }
}
