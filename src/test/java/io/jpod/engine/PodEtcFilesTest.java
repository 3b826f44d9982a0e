package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodOptions;
import io.jpod.pod.PodSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodEtcFilesTest {
    private static final String HOST_RESOLV = "# written by hand\nnameserver 10.0.0.1\nsearch corp.test\noptions ndots:1 rotate\n";

    private static PodSpec pod(PodOptions options) {
        return PodSpec.builder("web").hostname("web-host").containers(ContainerSpec.builder("a", "busybox").build())
                .options(options).build();
    }

    private static PodOptions options(List<PodOptions.HostAlias> aliases, PodOptions.Dns dns, boolean hostNetwork) {
        return new PodOptions(aliases, dns, hostNetwork, false, false, Map.of(), List.of());
    }

    @Test
    void hostsHasThePodsNamesThenTheAliases() {
        PodSpec p = pod(options(List.of(new PodOptions.HostAlias("192.0.2.1", List.of("db", "db.test"))), null, false));
        assertEquals("127.0.0.1\tlocalhost localhost.localdomain\n::1\tlocalhost localhost.localdomain\n"
                + "127.0.1.1\tweb-host web\n\n# Entries added by HostAliases.\n192.0.2.1\tdb db.test\n", PodEtcFiles.hosts(p, "ignored", null, "10.0.2.2"));
        assertEquals("web-host", PodEtcFiles.hostname(p, "machine"));
    }

    @Test
    void aSubdomainPutsTheFullyQualifiedNameFirst() {
        PodSpec p = pod(new PodOptions(List.of(), null, false, false, false, Map.of(), List.of(), "backends.shop.svc.cluster.local"));
        assertEquals("127.0.0.1\tlocalhost localhost.localdomain\n::1\tlocalhost localhost.localdomain\n"
                + "127.0.1.1\tweb-host.backends.shop.svc.cluster.local web-host web\n", PodEtcFiles.hosts(p, "ignored", null, "10.0.2.2"));
    }

    @Test
    void hostNetworkTakesTheHostsFilesAndName() {
        PodSpec p = pod(options(List.of(new PodOptions.HostAlias("192.0.2.1", List.of("db"))), null, true));
        assertEquals("127.0.0.1 localhost\n10.1.1.1 machine\n\n# Entries added by HostAliases.\n192.0.2.1\tdb\n",
                PodEtcFiles.hosts(p, "127.0.0.1 localhost\n10.1.1.1 machine", null, "10.0.2.2"));
        assertEquals("machine", PodEtcFiles.hostname(p, "machine"));
    }

    @Test
    void clusterFirstAndDefaultAreTheHostsResolvConf() {
        assertEquals(HOST_RESOLV, PodEtcFiles.resolvConf(pod(PodOptions.NONE), HOST_RESOLV));
        PodOptions.Dns dflt = new PodOptions.Dns("Default", List.of(), List.of(), List.of());
        assertEquals(HOST_RESOLV, PodEtcFiles.resolvConf(pod(options(List.of(), dflt, false)), HOST_RESOLV));
    }

    @Test
    void dnsConfigIsMergedIntoTheHostsFile() {
        PodOptions.Dns dns = new PodOptions.Dns("ClusterFirst", List.of("10.0.0.1", "192.0.2.53"), List.of("svc.test"),
                List.of("ndots:5", "edns0"));
        assertEquals("search corp.test svc.test\nnameserver 10.0.0.1\nnameserver 192.0.2.53\noptions ndots:5 rotate edns0\n",
                PodEtcFiles.resolvConf(pod(options(List.of(), dns, false)), HOST_RESOLV));
    }

    @Test
    void noneIsOnlyDnsConfig() {
        PodOptions.Dns dns = new PodOptions.Dns("None", List.of("192.0.2.53"), List.of(), List.of("ndots:2"));
        assertEquals("nameserver 192.0.2.53\noptions ndots:2\n", PodEtcFiles.resolvConf(pod(options(List.of(), dns, false)), HOST_RESOLV));
    }

    @Test
    void onTheSharedNetworkTheHostnameIsAtThePodsAddressAndTheHostIsNamed() {
        PodSpec p = pod(options(List.of(), null, false));
        assertEquals("127.0.0.1\tlocalhost localhost.localdomain\n::1\tlocalhost localhost.localdomain\n"
                + "10.89.0.5\tweb-host web\n10.0.2.2\thost.containers.internal host.docker.internal\n",
                PodEtcFiles.hosts(p, "ignored", "10.89.0.5", "10.0.2.2"));
        assertEquals("10.89.0.1\thost.containers.internal host.docker.internal", PodEtcFiles.hosts(p, "ignored", "10.89.0.5", "10.89.0.1")
                .lines().toList().get(3), "as root the host is the network's gateway, its bridge");
    }

    @Test
    void aPodOfItsOwnPastaNamesTheHostButOneOfItsOwnSlirp4netnsDoesNot() {
        PodSpec pasta = pod(options(List.of(), null, false)).toBuilder().network(io.jpod.pod.NetworkMode.PASTA).build();
        assertEquals("127.0.0.1\tlocalhost localhost.localdomain\n::1\tlocalhost localhost.localdomain\n"
                + "127.0.1.1\tweb-host web\n10.0.2.2\thost.containers.internal host.docker.internal\n",
                PodEtcFiles.hosts(pasta, "ignored", null, "10.0.2.2"));
        PodSpec slirp = pasta.toBuilder().network(io.jpod.pod.NetworkMode.SLIRP4NETNS).build();
        org.junit.jupiter.api.Assertions.assertFalse(PodEtcFiles.hosts(slirp, "ignored", null, "10.0.2.2").contains("host.containers.internal"), "slirp4netns per pod has no way to the host's loopback");
    }
}
