package io.jpod.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.pod.NetworkMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedNetworkTest {
    private static final Lease WEB = new Lease("10.89.0.7", "abc123", Path.of("/run/user/1000/jpod/containers/abc123"),
            List.of("web", "web-httpd"), List.of(new Lease.Port(new PortMapping("127.0.0.1", 8080, 80, "TCP"), 3)),
            Map.of("app", "web", "tier", "front end"), Map.of("http", 80), true);

    @Test
    void aLeaseIsReadBackAsItWasWritten() {
        assertEquals(WEB, Lease.parse(WEB.format()));
        assertEquals(WEB.withReady(false), Lease.parse(WEB.withReady(false).format()));
        assertEquals("jpodv7", WEB.veth(), "the veth is named after the address, within 15 bytes");
        assertEquals("jpodv0a590007", WEB.hostVeth(), "as root, on the host beside other networks' veths: the whole address");
    }

    @Test
    void aLeaseCutShortIsNoLease() {
        assertNull(Lease.parse("ip 10.89.0.7\n"), "no infra, no run directory");
        assertNull(Lease.parse(WEB.format().replace(" 3 8080\n", "\n")), "a port line without its forward id");
    }

    @Test
    void aLeaseWrittenBeforeTapPortsForwardsToTheHostPort() {
        assertEquals(WEB, Lease.parse(WEB.format().replace(" 3 8080\n", " 3\n")));
        Lease moved = WEB.withPorts(List.of(new Lease.Port(new PortMapping("127.0.0.1", 8080, 80, "tcp"), 3, 8081)));
        assertEquals(moved, Lease.parse(moved.format()));
    }

    @Test
    void aPortClashesWithTheSamePortOnTheSameAddressOrOnEveryAddressOnly() {
        PortMapping loopback = new PortMapping("127.0.0.1", 8080, 80, "tcp");
        assertTrue(loopback.clashes(new PortMapping("127.0.0.1", 8080, 81, "TCP")));
        assertTrue(loopback.clashes(new PortMapping(null, 8080, 81, "tcp")), "every address takes in 127.0.0.1 too");
        assertTrue(new PortMapping("0.0.0.0", 8080, 81, "tcp").clashes(loopback));
        assertFalse(loopback.clashes(new PortMapping("192.0.2.7", 8080, 80, "tcp")), "two addresses of the host");
        assertFalse(loopback.clashes(new PortMapping("127.0.0.1", 8080, 80, "udp")));
        assertFalse(loopback.clashes(new PortMapping("127.0.0.1", 8081, 80, "tcp")));
    }

    @Test
    void rootlessTheSamePortOnAnotherAddressIsForwardedToAnotherPortOfTheTap() {
        List<Lease.Port> taken = List.of(new Lease.Port(new PortMapping("127.0.0.1", 8080, 80, "tcp"), 3),
                new Lease.Port(new PortMapping("192.0.2.7", 8080, 80, "tcp"), 4, 8081));
        assertEquals(List.of(new Lease.Port(new PortMapping("192.0.2.8", 8080, 80, "tcp"), -1, 8082),
                new Lease.Port(new PortMapping("192.0.2.8", 8080, 80, "udp"), -1, 8080),
                new Lease.Port(new PortMapping("192.0.2.8", 9090, 90, "tcp"), -1, 9090),
                new Lease.Port(new PortMapping(null, 65535, 90, "tcp"), -1, 65535)),
                SharedNetwork.tapPorts(List.of(new PortMapping("192.0.2.8", 8080, 80, "tcp"), new PortMapping("192.0.2.8", 8080, 80, "udp"),
                        new PortMapping("192.0.2.8", 9090, 90, "tcp"), new PortMapping(null, 65535, 90, "tcp")), taken));
        assertEquals(List.of(new Lease.Port(new PortMapping("192.0.2.8", 65535, 80, "tcp"), -1, 1)), SharedNetwork.tapPorts(
                List.of(new PortMapping("192.0.2.8", 65535, 80, "tcp")), List.of(new Lease.Port(new PortMapping(null, 65535, 80, "tcp"), 1))),
                "wraps past the last port");
    }

    @Test
    void aardvarkGetsTheGatewayThenAPodPerLine() {
        Lease other = new Lease("10.89.0.2", "def456", Path.of("/x"), List.of("db"), List.of(), Map.of(), Map.of(), true);
        assertEquals("10.89.0.1\nabc123 10.89.0.7  web,web-httpd\ndef456 10.89.0.2  db\nsvc.default.x 10.96.0.10  x\n",
                Lease.dnsConfig("10.89.0.1", List.of(WEB, other), List.of("svc.default.x 10.96.0.10  x")));
    }

    @Test
    void podsOfTheSharedNetworkAskItsDnsAndSearchItsDomainFirst() {
        String host = "# generated\nnameserver 127.0.0.53\nsearch corp.example\noptions edns0 trust-ad\n";
        assertEquals("search dns.podman corp.example\nnameserver 10.89.0.1\noptions edns0 trust-ad\n",
                ResolvConf.forPod(host, NetworkMode.BRIDGE, "10.89.0.1"));
        assertEquals("search dns.podman\nnameserver 10.89.0.1\n", ResolvConf.forPod("nameserver 192.0.2.1\n", NetworkMode.BRIDGE, "10.89.0.1"));
    }

    private static Lease pod(String ip, String app, boolean ready, int httpPort) {
        return new Lease(ip, "id" + ip, Path.of("/run/" + ip), List.of("p" + ip), List.of(), Map.of("app", app), Map.of("http", httpPort), ready);
    }

    private static final List<Lease> PODS = List.of(pod("10.89.0.2", "web", true, 8080), pod("10.89.0.3", "web", true, 8081),
            pod("10.89.0.4", "web", false, 8080), pod("10.89.0.5", "db", true, 5432));

    @Test
    void aClusterIpSendsEachPortToTheReadySelectedPodsTargetPorts() {
        NetService web = new NetService("web", null, null, Map.of("app", "web"),
                List.of(new NetService.Port("http", "TCP", 80, 0, "http"), new NetService.Port("alt", "UDP", 81, 9000, null),
                        new NetService.Port("same", null, 82, 0, null)));
        assertEquals("flush chain inet jpod services\n"
                + "add rule inet jpod services ip daddr 10.96.0.10 tcp dport 80 dnat ip to numgen random mod 2 map "
                + "{ 0 : 10.89.0.2 . 8080, 1 : 10.89.0.3 . 8081 }\n"
                + "add rule inet jpod services ip daddr 10.96.0.10 udp dport 81 dnat ip to numgen random mod 2 map "
                + "{ 0 : 10.89.0.2 . 9000, 1 : 10.89.0.3 . 9000 }\n"
                + "add rule inet jpod services ip daddr 10.96.0.10 tcp dport 82 dnat ip to numgen random mod 2 map "
                + "{ 0 : 10.89.0.2 . 82, 1 : 10.89.0.3 . 82 }\n",
                ServiceRouting.rules("jpod", List.of(web), Map.of("default.web", "10.96.0.10"), PODS), "the not ready 10.89.0.4 is left out");
        assertEquals(List.of("svc.default.web 10.96.0.10  web,web.default,web.default.svc,web.default.svc.cluster.local"),
                ServiceRouting.dnsLines(List.of(web), Map.of("default.web", "10.96.0.10"), PODS));
    }

    @Test
    void aHeadlessServiceAnswersTheReadyPodsAddressesAndOneWithoutPodsNothing() {
        NetService headless = new NetService("db", "shop", NetService.HEADLESS, Map.of("app", "db"), List.of());
        NetService none = new NetService("cache", "shop", null, Map.of("app", "cache"), List.of(new NetService.Port(null, "TCP", 6379, 0, null)));
        Map<String, String> ips = Map.of("shop.cache", "10.96.0.11");
        assertEquals(List.of("svc.shop.db 10.89.0.5  db,db.shop,db.shop.svc,db.shop.svc.cluster.local",
                "svc.shop.cache 10.96.0.11  cache,cache.shop,cache.shop.svc,cache.shop.svc.cluster.local"),
                ServiceRouting.dnsLines(List.of(headless, none), ips, PODS));
        assertEquals("flush chain inet jpod services\n", ServiceRouting.rules("jpod", List.of(headless, none), ips, PODS),
                "no rule: nothing to send to");
        assertEquals(List.of(), ServiceRouting.dnsLines(List.of(new NetService("x", null, null, Map.of(), List.of())), Map.of(), PODS),
                "no selector, no address given yet");
    }
}
