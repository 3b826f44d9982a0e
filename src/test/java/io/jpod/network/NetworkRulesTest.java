package io.jpod.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkRulesTest {
    private static final Subnet SUBNET = Subnet.parse("10.89.0.0/24", "test");

    @Test
    void rootlessTheTapsBringThePublishedPortsIntoTheNetworksOwnNamespace() {
        String rules = NetworkRules.namespaced(SUBNET, List.of("10.89.1.0/24"), List.of("tap0", "tap1"));
        assertTrue(rules.startsWith("table inet jpod {\n"), rules);
        assertTrue(rules.contains("    iifname { \"tap0\", \"tap1\" } dnat ip to meta l4proto . th dport map @hostports\n    jump services\n"), rules);
        assertTrue(rules.contains("    ip daddr { 10.89.1.0/24 } reject\n"), rules);
        assertTrue(!rules.contains("chain output") && !rules.contains("127.0.0.0/8"), rules);
    }

    @Test
    void asRootATableOfTheNetworksOwnOnTheHostTakesPortsFromEverywhereAndTheHostsLoopback() {
        assertEquals("""
                table inet jpod-front {
                  map hostports { type inet_proto . inet_service : ipv4_addr . inet_service; }
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
                    fib daddr type local dnat ip to meta l4proto . th dport map @hostports
                    iifname "jpod1" jump services
                  }
                  chain output { type nat hook output priority -100; policy accept;
                    fib daddr type local dnat ip to meta l4proto . th dport map @hostports
                  }
                }
                """, NetworkRules.onHost("front", "jpod1", SUBNET, List.of("10.89.1.0/24", "10.91.0.0/24")));
    }
}
