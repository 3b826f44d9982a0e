package io.jpod.engine;

import io.jpod.error.NotFoundException;
import io.jpod.network.PodNetwork;
import io.jpod.network.NetworkInfo;
import java.util.List;

/** {@code jpod network}: the networks pods join by name (the user's shared network, {@code jpod}). */
public final class NetworkService {
    private final PodNetwork network;

    NetworkService(PodNetwork network) {
        this.network = network;
    }

    public List<NetworkInfo> list() {
        return network.networks();
    }

    /** The network named {@code name} (or whose id starts with it); NotFoundException when there is none. */
    public NetworkInfo inspect(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("network", name, "unable to find network with name or ID " + name
                + ": network not found"));
    }

    public boolean exists(String name) {
        return find(name).isPresent();
    }

    private java.util.Optional<NetworkInfo> find(String name) {
        return list().stream().filter(n -> n.name().equals(name) || (name.length() >= 3 && n.id().startsWith(name))).findFirst();
    }
}
