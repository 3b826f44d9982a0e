package io.jpod.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostAddressTest {
    private static final String HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT";

    @Test
    void theDefaultRouteOfTheLowestMetricNamesTheInterface() {
        List<String> table = List.of(HEADER,
                "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
                "wlan0\t00000000\t010200C0\t0003\t0\t0\t600\t00000000\t0\t0\t0",
                "eth1\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0",
                "eth2\t00000000\t010200C0\t0002\t0\t0\t0\t00000000\t0\t0\t0");
        assertEquals(Optional.of("eth1"), HostAddress.defaultRouteInterface(table), "eth2's route is not up; eth1 has the lower metric");
    }

    @Test
    void withoutADefaultRouteThereIsNoInterface() {
        assertEquals(Optional.empty(), HostAddress.defaultRouteInterface(List.of(HEADER,
                "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0")));
        assertEquals(Optional.empty(), HostAddress.defaultRouteInterface(List.of()));
    }

    @Test
    void thisHostsAddressIsOneOfItsDefaultRoutesInterface() throws Exception {
        Optional<String> iface = HostAddress.defaultRouteInterface(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/route")));
        String address = HostAddress.discover();
        if (iface.isPresent()) {
            List<String> ofIface = java.net.NetworkInterface.getByName(iface.get()).inetAddresses()
                    .map(java.net.InetAddress::getHostAddress).toList();
            assertTrue(ofIface.contains(address), address + " is not an address of " + iface.get() + ": " + ofIface);
        } else {
            assertTrue(address.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), address);
        }
    }
}
