package io.jpod.engine;

import io.jpod.error.ConflictException;
import io.jpod.error.NotFoundException;
import io.jpod.network.NetworkDefinition;
import io.jpod.network.NetworkInfo;
import io.jpod.network.NetworkRequest;
import io.jpod.network.PodNetwork;
import io.jpod.pod.NetworkMode;
import io.jpod.state.PodRow;
import io.jpod.state.StateStore;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jpod network}: the networks pods join by name, the user's default one ({@code jpod}, implicit) and those
 * made with {@code network create}. A network in use is removed only when forced, which removes its pods first.
 */
public final class NetworkService {
    private final PodNetwork network;
    private final StateStore state;
    private final PodService pods;

    NetworkService(PodNetwork network, StateStore state, PodService pods) {
        this.network = network;
        this.state = state;
        this.pods = pods;
    }

    public List<NetworkInfo> list() {
        return network.networks();
    }

    /** The network named {@code name} (or whose id starts with it); NotFoundException when there is none. */
    public NetworkInfo inspect(String name) {
        return network.network(name).orElseThrow(() -> notFound(name));
    }

    public boolean exists(String name) {
        return network.network(name).isPresent();
    }

    /** Makes a network as {@code request} asks; a name that exists or a subnet that overlaps is refused. */
    public NetworkInfo create(NetworkRequest request) {
        NetworkDefinition def = network.store().create(request);
        return inspect(def.name());
    }

    /**
     * Removes network {@code name} (not the default one); one that pods are on is refused unless {@code force}, which
     * removes those pods first. Returns its name.
     */
    public String remove(String name, boolean force) {
        NetworkInfo n = inspect(name);
        if (n.name().equals(NetworkDefinition.DEFAULT)) {
            throw new ConflictException(n.name(), "default network " + n.name() + " cannot be removed");
        }
        List<PodRow> on = podsOn(n.name());
        if (!on.isEmpty()) {
            if (!force) {
                throw new ConflictException("network", n.name(), ConflictException.Reason.IN_USE, "\"" + n.name()
                        + "\" has associated containers with it. Use -f to forcibly delete containers and pods: network is being used");
            }
            for (PodRow p : on) {
                pods.removePod(p.id(), true);
            }
        }
        network.remove(n.name());
        return n.name();
    }

    /** Removes every network no pod is on, but the default one; the names removed. */
    public List<String> prune() {
        List<String> removed = new ArrayList<>();
        for (NetworkInfo n : list()) {
            if (!n.name().equals(NetworkDefinition.DEFAULT) && podsOn(n.name()).isEmpty()) {
                network.remove(n.name());
                removed.add(n.name());
            }
        }
        return removed;
    }

    /** The networks no pod is on, but the default one (what {@link #prune} would remove). */
    public List<String> unused() {
        return list().stream().map(NetworkInfo::name).filter(n -> !n.equals(NetworkDefinition.DEFAULT) && podsOn(n).isEmpty()).toList();
    }

    private List<PodRow> podsOn(String name) {
        return state.pods().stream().filter(p -> p.spec().network() == NetworkMode.BRIDGE && name.equals(p.spec().networkName())).toList();
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("network", name, "unable to find network with name or ID " + name + ": network not found");
    }
}
