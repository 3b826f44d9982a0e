package io.jpod.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.ConflictException;
import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkStoreTest {
    @TempDir
    Path dir;

    private NetworkStore store(Subnet... hostRoutes) {
        return new NetworkStore(dir, () -> Instant.EPOCH, () -> List.of(hostRoutes));
    }

    private static NetworkRequest named(String name, String subnet) {
        return new NetworkRequest(name, subnet, null, false, Map.of());
    }

    @Test
    void subnetsParseAndOverlap() {
        Subnet a = Subnet.parse("10.89.1.0/24", "--subnet");
        assertEquals("10.89.1.0/24", a.toString());
        assertEquals("10.89.1.1", a.firstHost());
        assertEquals(256, a.size());
        assertTrue(a.contains("10.89.1.200") && !a.contains("10.89.2.1"));
        assertTrue(a.overlaps(Subnet.parse("10.89.1.128/25", "x")), "a part of it");
        assertTrue(a.overlaps(Subnet.parse("10.0.0.0/8", "x")), "a subnet holding it");
        assertFalse(a.overlaps(Subnet.parse("10.89.0.0/24", "x")), "its neighbour");
        for (String bad : List.of("10.89.1.0", "10.89.1.0/33", "10.89.1.5/24", "10.89.300.0/24", "fd00::/64", "a.b.c.d/24")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Subnet.parse(bad, "--subnet"), bad);
            assertTrue(e.getMessage().startsWith("--subnet: invalid subnet " + bad), e.getMessage());
        }
    }

    @Test
    void theDefaultNetworkIsImplicitAndCannotBeRemoved() {
        NetworkStore s = store();
        assertEquals(List.of("jpod"), s.all().stream().map(NetworkDefinition::name).toList());
        NetworkDefinition d = s.get("jpod");
        assertEquals("10.89.0.0/24", d.subnet());
        assertEquals("jpod0", d.bridge());
        assertThrows(ConflictException.class, () -> s.remove("jpod"));
        NotFoundException e = assertThrows(NotFoundException.class, () -> s.get("nope"));
        assertEquals("unable to find network with name or ID nope: network not found", e.getMessage());
    }

    @Test
    void createdNetworksTakeTheNextSubnetAndBridgeAndAreReadBack() {
        NetworkStore s = store(Subnet.parse("10.89.1.0/24", "route"));
        NetworkDefinition a = s.create(new NetworkRequest("front", null, null, false, Map.of("team", "a")));
        assertEquals("10.89.2.0/24", a.subnet(), "the first /24 of 10.89 that neither a network nor a host route has");
        assertEquals("10.89.2.1", a.gateway());
        assertEquals("jpod1", a.bridge());
        NetworkDefinition b = s.create(new NetworkRequest("back", "192.168.77.0/24", "192.168.77.254", true, Map.of()));
        assertEquals("jpod2", b.bridge());
        assertEquals("192.168.77.254", b.gateway());
        assertEquals(List.of("jpod", "back", "front"), s.all().stream().map(NetworkDefinition::name).toList());
        NetworkDefinition read = s.get("back");
        assertEquals(b.withCreated(read.created()), read, "the file gives back what was made");
        assertTrue(read.internal());
        assertEquals(Map.of("team", "a"), s.get("front").labels());
        assertEquals(b, NetworkDefinition.parse(b.toJson(), "x"), "podman's JSON round trip");
        assertEquals(a.name(), s.get(a.id().substring(0, 12)).name(), "found by id prefix");
        s.remove("front");
        assertEquals(List.of("jpod", "back"), s.all().stream().map(NetworkDefinition::name).toList());
    }

    @Test
    void aTakenNameOrAnOverlappingSubnetIsOneLineError() {
        NetworkStore s = store(Subnet.parse("192.168.1.0/24", "route"));
        s.create(named("one", "172.30.0.0/16"));
        assertEquals("network name one already used: network already exists",
                assertThrows(ConflictException.class, () -> s.create(named("one", null))).getMessage());
        assertEquals("subnet 172.30.5.0/24 is already used on the host or by another config",
                assertThrows(ConflictException.class, () -> s.create(named("two", "172.30.5.0/24"))).getMessage());
        assertThrows(ConflictException.class, () -> s.create(named("three", "10.89.0.0/16")), "the default network's");
        assertThrows(ConflictException.class, () -> s.create(named("four", "192.168.1.0/25")), "a host route's");
        assertThrows(InvalidInputException.class, () -> s.create(new NetworkRequest("five", "10.1.0.0/24", "10.2.0.1", false, Map.of())),
                "a gateway outside the subnet");
        assertThrows(InvalidInputException.class, () -> s.create(named("bad/name", null)));
        assertEquals(List.of("jpod", "one"), s.all().stream().map(NetworkDefinition::name).toList(), "nothing else was made");
    }

    @Test
    void addressesAreGivenFromTheSubnetButTheGateway() {
        Subnet s = Subnet.parse("10.89.3.0/29", "x");
        assertEquals("10.89.3.2", SharedNetwork.free(s, "10.89.3.1", List.of(), List.of()).orElseThrow());
        assertEquals("10.89.3.1", SharedNetwork.free(s, "10.89.3.6", List.of(), List.of()).orElseThrow());
        assertEquals("10.89.3.5", SharedNetwork.free(s, "10.89.3.1", List.of("10.89.3.2", "10.89.3.3"), List.of("10.89.3.4")).orElseThrow());
        assertTrue(SharedNetwork.free(s, "10.89.3.1", List.of("10.89.3.2", "10.89.3.3", "10.89.3.4", "10.89.3.5"), List.of("10.89.3.6"))
                .isEmpty(), "no broadcast address");
        assertEquals("jpodv261", new Lease("10.89.1.5", "i", Path.of("/x"), List.of(), List.of(), Map.of(), Map.of(), true).veth());
    }
}
