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

    /** The pod's resolv.conf for {@code mode}, from the host's text. */
    public static String forPod(String host, NetworkMode mode) {
        if (mode != NetworkMode.SLIRP4NETNS) {
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
}
