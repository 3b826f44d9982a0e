package io.jpod.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.ContainerPort;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.NetworkMode;
import io.jpod.pod.PodSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of pod networking: published ports, --publish, the pod's resolv.conf, the port check. */
class NetworkTest {
    private static PodSpec pod(ContainerPort... ports) {
        ContainerSpec c = ContainerSpec.builder("app", "busybox").ports(ports).build();
        ContainerSpec d = ContainerSpec.builder("db", "busybox").ports(new ContainerPort(null, 5432, 0, "TCP", null)).build();
        return PodSpec.builder("web").containers(c, d).build();
    }

    @Test
    void publishedPortsAreShownAsPodmanDoes() {
        PodSpec p = pod(new ContainerPort("http", 80, 8080, "TCP", null), new ContainerPort(null, 53, 5353, "UDP", "127.0.0.1"),
                new ContainerPort(null, 9000, 0, "TCP", null));
        List<PortMapping> ports = PortMapping.of(p);
        assertEquals(List.of("0.0.0.0:8080->80/tcp", "127.0.0.1:5353->53/udp"), ports.stream().map(PortMapping::toString).toList());
        assertEquals("80/tcp -> 0.0.0.0:8080", ports.get(0).portLine());
        assertEquals(NetworkMode.SLIRP4NETNS, p.network(), "a pod stored before network modes existed was on slirp4netns");
    }

    @Test
    void publishOptionOverridesTheYamlOrAddsThePort() {
        PodSpec p = pod(new ContainerPort("http", 80, 8080, "TCP", null));
        PodSpec over = PublishOption.parse("127.0.0.1:9090:80").applyTo(p);
        assertEquals(List.of(new ContainerPort("http", 80, 9090, "TCP", "127.0.0.1")), over.containers().get(0).ports());
        PodSpec db = PublishOption.parse("5432").applyTo(p);
        assertEquals(List.of(new ContainerPort(null, 5432, 5432, "TCP", null)), db.containers().get(1).ports(),
                "matched by containerPort in any container; no host port: the same number");
        PodSpec udp = PublishOption.parse("6000:53/udp").applyTo(p);
        assertEquals(new ContainerPort(null, 53, 6000, "UDP", null), udp.containers().get(0).ports().get(1), "not declared: added");
        assertEquals("--publish: \"80:x\" is not [[ip:][hostPort]:]containerPort[/protocol]",
                assertThrows(InvalidInputException.class, () -> PublishOption.parse("80:x")).getMessage());
        assertThrows(InvalidInputException.class, () -> PublishOption.parse("70000:80"));
    }

    @Test
    void slirpPodsAskSlirpsDnsFirst() {
        String host = "search example.com\nnameserver 192.0.2.53\nnameserver 127.0.0.53\noptions edns0\n";
        assertEquals("nameserver 10.0.2.3\nsearch example.com\nnameserver 192.0.2.53\noptions edns0\n",
                ResolvConf.forPod(host, NetworkMode.SLIRP4NETNS, ""), "the host's loopback resolver cannot be reached from the pod");
        assertEquals(ResolvConf.forPod(host, NetworkMode.SLIRP4NETNS, ""), ResolvConf.forPod(host, NetworkMode.PASTA, ""),
                "pasta forwards DNS at slirp4netns's address");
        assertEquals(host, ResolvConf.forPod(host, NetworkMode.HOST, ""));
        assertEquals(host, ResolvConf.forPod(host, NetworkMode.NONE, ""));
    }

    @Test
    void aPortInUseIsRefusedByNumber() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            PortMapping taken = new PortMapping("127.0.0.1", s.getLocalPort(), 80, "tcp");
            PortInUseException e = assertThrows(PortInUseException.class, () -> PodNetwork.checkFree(List.of(taken)));
            assertTrue(e.getMessage().startsWith("cannot publish port " + s.getLocalPort() + "/tcp on 127.0.0.1"), e.getMessage());
        }
        PodNetwork.checkFree(List.of());
    }

    @Test
    void networkModesHavePodmansNames() {
        assertEquals(NetworkMode.HOST, NetworkMode.parse("host", "--network"));
        assertEquals(NetworkMode.BRIDGE, NetworkMode.parse("bridge", "--network"));
        assertEquals(NetworkMode.BRIDGE, NetworkMode.parse("jpod", "--network"), "the shared network's name");
        assertEquals(NetworkMode.PASTA, NetworkMode.parse("pasta", "--network"));
        io.jpod.error.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(io.jpod.error.InvalidInputException.class,
                () -> NetworkMode.parse("slirp", "--network"));
        assertEquals("--network: unsupported network mode \"slirp\": must be one of slirp4netns, pasta, bridge, host, none", e.getMessage());
    }
}
