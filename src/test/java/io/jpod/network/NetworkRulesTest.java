package io.jpod.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkRulesTest {
    private static final Subnet SUBNET = Subnet.parse("10.89.0.0/24", "test");

    @Test
    void rootlessTheTapsBringThePublishedPortsIntoTheNetworksOwnNamespace() {
        String rules = NetworkRules.namespaced(SUBNET, List.of("10.89.1.0/24"), "tap0", "tap1");
        assertTrue(rules.startsWith("table inet jpod {\n"), rules);
        assertTrue(rules.contains("    iifname { \"tap0\", \"tap1\" } dnat ip to meta l4proto . th dport map @hostports\n    jump services\n"), rules);
        assertTrue(rules.contains("    ip daddr { 10.89.1.0/24 } reject\n"), rules);
        assertTrue(!rules.contains("chain output") && !rules.contains("127.0.0.0/8"), rules);
        assertTrue(!rules.contains("addrports"), () -> "slirp4netns listens on the host address itself: " + rules);
        assertTrue(rules.contains("""
                  chain replies { type filter hook prerouting priority mangle; policy accept;
                    iifname "tap1" ct mark set 27248
                    ct direction reply ct mark 27248 meta mark set 27248
                  }
                """), () -> "the answers through the forwarder beside pasta are marked to go back through its tap: " + rules);
    }

    @Test
    void asRootAPortOnOneHostAddressIsKeyedByThatAddressAndOneOnEveryAddressByItsPortAlone() {
        NetworkRules.Entry loopback = NetworkRules.hostEntry(new PortMapping("127.0.0.1", 8080, 80, "TCP"));
        assertEquals("add element inet jpod-front addrports { 127.0.0.1 . tcp . 8080 : 10.89.0.2 . 80 }", loopback.add("jpod-front", "10.89.0.2", 80));
        assertEquals("delete element inet jpod-front addrports { 127.0.0.1 . tcp . 8080 }", loopback.delete("jpod-front"));
        NetworkRules.Entry every = NetworkRules.hostEntry(new PortMapping(null, 8080, 80, "UDP"));
        assertEquals("add element inet jpod-front hostports { udp . 8080 : 10.89.0.3 . 80 }", every.add("jpod-front", "10.89.0.3", 80));
        assertEquals("delete element inet jpod-front hostports { udp . 8080 }", every.delete("jpod-front"));
        assertEquals(NetworkRules.hostEntry(new PortMapping("0.0.0.0", 8080, 81, "udp")), every, "0.0.0.0 is every address");
    }

    @Test
    void rootlessAPortIsKeyedByTheTapsPortItIsForwardedTo() {
        assertEquals("add element inet jpod hostports { tcp . 8081 : 10.89.0.2 . 80 }",
                NetworkRules.tapEntry(new PortMapping("127.0.0.1", 8080, 80, "tcp"), 8081).add("jpod", "10.89.0.2", 80));
    }

    @Test
    void asRootATableOfTheNetworksOwnOnTheHostTakesPortsFromEverywhereAndTheHostsLoopback() {
        assertEquals("""
                table inet jpod-front {
                  map hostports { type inet_proto . inet_service : ipv4_addr . inet_service; }
                  map addrports { type ipv4_addr . inet_proto . inet_service : ipv4_addr . inet_service; }
                  chain services {
                  }
                  chain postrouting { type nat hook postrouting priority srcnat; policy accept;
                    ip saddr 10.89.0.0/24 ip daddr != 10.89.0.0/24 masquerade
                    ip saddr 10.89.0.0/24 ct status dnat masquerade
                    ip saddr 127.0.0.0/8 ip daddr 10.89.0.0/24 masquerade
                  }
                  chain forward { type filter hook forward priority filter; policy accept;
                    ct status dnat accept
                    ip saddr 10.89.0.0/24 ip daddr { 10.89.1.0/24, 10.91.0.0/24 } reject
                  }
                  chain prerouting { type nat hook prerouting priority dstnat; policy accept;
                    fib daddr type local dnat ip to ip daddr . meta l4proto . th dport map @addrports
                    fib daddr type local dnat ip to meta l4proto . th dport map @hostports
                    iifname "jpod1" jump services
                  }
                  chain output { type nat hook output priority -100; policy accept;
                    fib daddr type local dnat ip to ip daddr . meta l4proto . th dport map @addrports
                    fib daddr type local dnat ip to meta l4proto . th dport map @hostports
                  }
                }
                """, NetworkRules.onHost("front", "jpod1", SUBNET, List.of("10.89.1.0/24", "10.91.0.0/24")));
    }
}
