package io.jpod.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --network-backend's words, and the command line pasta is started with. */
class NetworkBackendTest {
    @Test
    void backendsHaveTheirProgramsNamesAndSlirp4netnsIsTheDefault() {
        assertEquals(NetworkBackend.SLIRP4NETNS, NetworkBackend.parse(null));
        assertEquals(NetworkBackend.SLIRP4NETNS, NetworkBackend.parse("slirp4netns"));
        assertEquals(NetworkBackend.PASTA, NetworkBackend.parse("pasta"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetworkBackend.parse("netavark"));
        assertTrue(e.getMessage().contains("netavark") && e.getMessage().contains("pasta, slirp4netns"), e.getMessage());
    }

    @Test
    void pastaGivesTheNamespaceSlirpsAddressesAndForwardsNoPort() {
        List<String> argv = new Pasta(Path.of("/usr/bin/pasta")).argv(Path.of("/run/n/netns"), Path.of("/run/n"));
        String line = String.join(" ", argv);
        assertTrue(line.startsWith("/usr/bin/pasta --config-net --quiet --netns /run/n/netns --ns-ifname tap0 "), line);
        assertTrue(line.contains("--address 10.0.2.100 --netmask 24 --gateway " + SharedNetwork.HOST_ADDRESS + " "),
                "the gateway, which pasta maps to the host's loopback, is host.containers.internal: " + line);
        assertTrue(line.contains("-t none -u none -T none -U none"), "ports are slirp4netns's, changed at run time: " + line);
        assertTrue(line.endsWith("--pid /run/n/pasta.pid"), line);
    }

    @Test
    void aPodsOwnPastaIsGivenItsPortsAndDnsWhenItStarts() {
        List<PortMapping> ports = List.of(new PortMapping("0.0.0.0", 8080, 80, "tcp"), new PortMapping("127.0.0.1", 5353, 53, "udp"),
                new PortMapping("0.0.0.0", 8443, 443, "tcp"));
        String line = String.join(" ", new Pasta(Path.of("/usr/bin/pasta")).argv(Path.of("/run/c/pasta.netns"), Path.of("/run/c"), "eth0",
                ports, true));
        assertTrue(line.contains(" --ns-ifname eth0 "), line);
        assertTrue(line.contains(" -t 8080:80 -t 8443:443 -u 127.0.0.1/5353:53 -T none -U none --dns-forward 10.0.2.3 "), line);
        String none = String.join(" ", new Pasta(Path.of("/usr/bin/pasta")).argv(Path.of("/n"), Path.of("/d"), "eth0", List.of(), true));
        assertTrue(none.contains(" -t none -u none -T none -U none "), "no port: none, not pasta's default (auto): " + none);
    }
}
