package io.jpod.network;

import io.jpod.pod.NetworkMode;
import java.util.ArrayList;
import java.util.List;

/** The pod's /etc/resolv.conf, from the host's: with slirp4netns its DNS forwarder comes first, as podman does. */
public final class ResolvConf {
    /** slirp4netns's DNS forwarder, which relays to the host's resolvers. */
    public static final String SLIRP_DNS = "10.0.2.3";

    private ResolvConf() {
    }

    /** The pod's resolv.conf for {@code mode}, from the host's text; {@code gateway}: its network's, with {@link NetworkMode#BRIDGE}. */
    public static String forPod(String host, NetworkMode mode, String gateway) {
        if (mode == NetworkMode.BRIDGE) {
            return shared(host, gateway);
        }
        if (mode != NetworkMode.SLIRP4NETNS && mode != NetworkMode.PASTA) { // pasta answers at slirp4netns's DNS address too
            return host;
        }
        List<String> lines = new ArrayList<>();
        lines.add("nameserver " + SLIRP_DNS);
        for (String line : host.split("\n")) {
            String t = line.trim();
            // the host's loopback resolvers cannot be reached from the pod (host loopback is disabled)
            if (t.startsWith("nameserver") && (t.contains(" 127.") || t.contains(" ::1") || t.endsWith(SLIRP_DNS))) {
                continue;
            }
            if (!t.isEmpty()) {
                lines.add(line);
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /**
     * On the shared network: its DNS (aardvark-dns on the gateway, which forwards what it does not know to
     * the host's resolvers) alone, its domain searched first, then the host's searches and options.
     */
    private static String shared(String host, String gateway) {
        List<String> search = new ArrayList<>(List.of(SharedNetwork.DOMAIN));
        List<String> options = new ArrayList<>();
        for (String line : host.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 1 && (f[0].equals("search") || f[0].equals("domain"))) {
                search.clear();
                search.add(SharedNetwork.DOMAIN);
                search.addAll(List.of(f).subList(1, f.length));
            } else if (f.length > 1 && f[0].equals("options")) {
                options.add(line.trim());
            }
        }
        StringBuilder sb = new StringBuilder("search ").append(String.join(" ", search)).append('\n')
                .append("nameserver ").append(gateway).append('\n');
        options.forEach(o -> sb.append(o).append('\n'));
        return sb.toString();
    }
}
