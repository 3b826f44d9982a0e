package io.jpod.host;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The host's own IPv4 address, as a node's address is its InternalIP on a cluster (status.hostIP, and status.podIP of a pod
 * on the host's network): the address of the interface of the default route, else of the first interface that is up and
 * not loopback, else the loopback address. Pods reach it through their network's way out. The route table's parser is pure.
 */
public final class HostAddress {
    /** The address when the host has no other: its loopback. */
    public static final String LOOPBACK = "127.0.0.1";

    private HostAddress() {
    }

    /** This host's address, read from /proc/net/route and the interfaces (in the netns jpod runs in: the host's). */
    public static String discover() {
        try {
            Optional<String> viaDefault = defaultRouteInterface(Files.readAllLines(Path.of("/proc/net/route")))
                    .flatMap(HostAddress::ipv4Of);
            if (viaDefault.isPresent()) {
                return viaDefault.get();
            }
            for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (i.isUp() && !i.isLoopback()) {
                    Optional<String> a = ipv4Of(i);
                    if (a.isPresent()) {
                        return a.get();
                    }
                }
            }
        } catch (IOException e) {
            // below: no address but the loopback's
        }
        return LOOPBACK;
    }

    /**
     * The interface of the default IPv4 route in /proc/net/route's lines (header first; destination and mask 0, flag
     * RTF_UP), the one of the lowest metric when there are several.
     */
    static Optional<String> defaultRouteInterface(List<String> routeTable) {
        String best = null;
        long bestMetric = Long.MAX_VALUE;
        for (String line : routeTable.subList(Math.min(1, routeTable.size()), routeTable.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            try {
                boolean up = (Integer.parseInt(f[3], 16) & 1) != 0;
                long metric = Long.parseLong(f[6]);
                if (up && f[1].equals("00000000") && f[7].equals("00000000") && metric < bestMetric) {
                    best = f[0];
                    bestMetric = metric;
                }
            } catch (NumberFormatException e) {
                // not a route line
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<String> ipv4Of(String name) {
        try {
            return Optional.ofNullable(NetworkInterface.getByName(name)).flatMap(HostAddress::ipv4Of);
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> ipv4Of(NetworkInterface i) {
        return i.inetAddresses().filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .map(InetAddress::getHostAddress).findFirst();
    }
}
