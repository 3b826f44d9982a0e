package io.jpod.network;

import io.jpod.error.ConflictException;
import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;
import io.jpod.error.StateException;
import io.jpod.host.FileLocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The user's networks: the default one ({@link NetworkDefinition#DEFAULT}, implicit) and those {@code network create}
 * made, a directory each under {@code dir} (the data directory's {@code networks}) holding {@code config.json}.
 * A new network gets the next bridge name ({@code jpod1}, {@code jpod2}…) and, unless given one, the first
 * {@code 10.89.N.0/24} that overlaps neither another network nor a route of the host.
 */
public final class NetworkStore {
    private static final String CONFIG = "config.json";
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private final Path dir;
    private final Supplier<Instant> defaultCreated;
    private final Supplier<List<Subnet>> hostRoutes;

    /**
     * @param defaultCreated when the user first had the default network
     * @param hostRoutes     the subnets the host routes to (a new network's may overlap none)
     */
    public NetworkStore(Path dir, Supplier<Instant> defaultCreated, Supplier<List<Subnet>> hostRoutes) {
        this.dir = dir;
        this.defaultCreated = defaultCreated;
        this.hostRoutes = hostRoutes;
    }

    /** The default network, then the others by name. */
    public List<NetworkDefinition> all() {
        List<NetworkDefinition> out = new ArrayList<>(List.of(NetworkDefinition.defaultNetwork(defaultCreated.get())));
        if (Files.isDirectory(dir)) {
            try (Stream<Path> dirs = Files.list(dir)) {
                for (Path d : dirs.sorted(Comparator.naturalOrder()).toList()) {
                    Path f = d.resolve(CONFIG);
                    if (Files.isRegularFile(f)) {
                        out.add(NetworkDefinition.parse(Files.readString(f), f.toString()));
                    }
                }
            } catch (IOException e) {
                throw new StateException("cannot read the networks in " + dir + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The network named {@code name}, or whose id starts with it (3 digits at least). */
    public Optional<NetworkDefinition> find(String name) {
        List<NetworkDefinition> all = all();
        return all.stream().filter(n -> n.name().equals(name)).findFirst()
                .or(() -> all.stream().filter(n -> name.length() >= 3 && n.id().startsWith(name)).findFirst());
    }

    /** The network named {@code name}; NotFoundException, in podman's words, when there is none. */
    public NetworkDefinition get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("network", name, "unable to find network with name or ID " + name
                + ": network not found"));
    }

    /** Makes a network; a name that exists or a subnet that overlaps another network's or a host route is refused. */
    public NetworkDefinition create(NetworkRequest r) {
        try (FileLocks.Held lock = FileLocks.lock(lockFile())) {
            List<NetworkDefinition> all = all();
            String name = r.name() != null ? r.name() : freeName(all);
            if (!NAME.matcher(name).matches()) {
                throw new InvalidInputException("network create", "invalid network name " + name + ": names must match " + NAME.pattern());
            }
            if (all.stream().anyMatch(n -> n.name().equals(name))) {
                throw new ConflictException("network", name, ConflictException.Reason.EXISTS, "network name " + name
                        + " already used: network already exists");
            }
            List<Subnet> taken = new ArrayList<>(all.stream().map(NetworkDefinition::parsedSubnet).toList());
            taken.addAll(hostRoutes.get());
            Subnet subnet = r.subnet() != null ? given(r.subnet(), taken) : freeSubnet(taken);
            String gateway = r.gateway() != null ? gateway(r.gateway(), subnet) : subnet.firstHost();
            NetworkDefinition def = new NetworkDefinition(name, freeBridge(all), subnet.toString(), gateway, r.internal(), r.labels(),
                    Instant.now());
            Files.createDirectories(dir.resolve(name));
            Path tmp = dir.resolve(name).resolve("." + CONFIG);
            Files.writeString(tmp, def.toJson());
            Files.move(tmp, dir.resolve(name).resolve(CONFIG), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return def;
        } catch (IOException e) {
            throw new StateException("cannot create the network in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Forgets network {@code name} (not the default one, which cannot be removed). */
    public void remove(String name) {
        if (name.equals(NetworkDefinition.DEFAULT)) {
            throw new ConflictException(name, "default network " + name + " cannot be removed");
        }
        Path d = dir.resolve(name);
        if (!Files.exists(d)) {
            return;
        }
        try (Stream<Path> files = Files.walk(d)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new StateException("cannot remove network " + name + " from " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path lockFile() throws IOException {
        Files.createDirectories(dir);
        return dir.resolve(".lock");
    }

    private static Subnet given(String cidr, List<Subnet> taken) {
        Subnet s = Subnet.parse(cidr, "--subnet");
        if (taken.stream().anyMatch(s::overlaps)) {
            throw new ConflictException(cidr, "subnet " + s + " is already used on the host or by another config");
        }
        return s;
    }

    private static String gateway(String gateway, Subnet subnet) {
        try {
            Subnet.address(gateway);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--gateway", e.getMessage());
        }
        if (!subnet.contains(gateway) || gateway.equals(subnet.host(0)) || gateway.equals(subnet.host(subnet.size() - 1))) {
            throw new InvalidInputException("--gateway", "gateway " + gateway + " is not a host address of subnet " + subnet);
        }
        return gateway;
    }

    /** The first 10.89.N.0/24 (N from 1) that overlaps nothing taken. */
    static Subnet freeSubnet(List<Subnet> taken) {
        for (int n = 1; n < 256; n++) {
            Subnet s = Subnet.parse("10.89." + n + ".0/24", "network create");
            if (taken.stream().noneMatch(s::overlaps)) {
                return s;
            }
        }
        throw new ConflictException("10.89.0.0/16", "no free subnet is left in 10.89.0.0/16: give one with --subnet");
    }

    private static String freeBridge(List<NetworkDefinition> all) {
        for (int n = 1;; n++) {
            String b = "jpod" + n;
            if (all.stream().noneMatch(d -> d.bridge().equals(b))) {
                return b;
            }
        }
    }

    private static String freeName(List<NetworkDefinition> all) {
        for (int n = 1;; n++) {
            String name = "jpod" + n;
            if (all.stream().noneMatch(d -> d.name().equals(name))) {
                return name;
            }
        }
    }

    /**
     * The subnets of the host's IPv4 routes ({@code /proc/net/route}), but the default route: a network's
     * subnet that overlaps one would hide those hosts from its pods.
     */
    public static List<Subnet> hostRoutes() {
        List<Subnet> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/route")).stream().skip(1).toList()) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 8) {
                    continue;
                }
                long dest = Long.reverseBytes(Long.parseLong(f[1], 16) << 32) & 0xffffffffL;
                int prefix = Long.bitCount(Long.parseLong(f[7], 16));
                if (prefix >= 8 && prefix <= 30) {
                    out.add(new Subnet(dest, prefix));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no routes known: only the networks' subnets are checked
        }
        return out;
    }
}
