package io.jpod.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jpod.pod.NetworkMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedNetworkTest {
    private static final Lease WEB = new Lease("10.89.0.7", "abc123", Path.of("/run/user/1000/jpod/containers/abc123"),
            List.of("web", "web-httpd"), List.of(new Lease.Port(new PortMapping("127.0.0.1", 8080, 80, "TCP"), 3)));

    @Test
    void aLeaseIsReadBackAsItWasWritten() {
        assertEquals(WEB, Lease.parse(WEB.format()));
        assertEquals("jpodv7", WEB.veth(), "the veth is named after the address, within 15 bytes");
    }

    @Test
    void aLeaseCutShortIsNoLease() {
        assertNull(Lease.parse("ip 10.89.0.7\n"), "no infra, no run directory");
        assertNull(Lease.parse(WEB.format().replace(" 3\n", "\n")), "a port line without its forward id");
    }

    @Test
    void aardvarkGetsTheGatewayThenAPodPerLine() {
        Lease other = new Lease("10.89.0.2", "def456", Path.of("/x"), List.of("db"), List.of());
        assertEquals("10.89.0.1\nabc123 10.89.0.7  web,web-httpd\ndef456 10.89.0.2  db\n",
                Lease.dnsConfig(SharedNetwork.GATEWAY, List.of(WEB, other)));
    }

    @Test
    void podsOfTheSharedNetworkAskItsDnsAndSearchItsDomainFirst() {
        String host = "# generated\nnameserver 127.0.0.53\nsearch corp.example\noptions edns0 trust-ad\n";
        assertEquals("search dns.podman corp.example\nnameserver 10.89.0.1\noptions edns0 trust-ad\n",
                ResolvConf.forPod(host, NetworkMode.BRIDGE));
        assertEquals("search dns.podman\nnameserver 10.89.0.1\n", ResolvConf.forPod("nameserver 192.0.2.1\n", NetworkMode.BRIDGE));
    }
}
