package io.jpod.network;

import io.jpod.error.HostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The host programs the shared network needs: iproute2's {@code ip} (bridge, veth pairs, addresses),
 * {@code nft} (masquerade and published ports), aardvark-dns (names) and util-linux's {@code unshare},
 * {@code nsenter} and {@code umount} (the network's namespace). Looked for once, when a pod first joins.
 */
record NetworkTools(Path ip, Path nft, Path aardvark, Path unshare, Path nsenter, Path umount) {
    private static final List<String> BIN = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/bin", "/usr/local/sbin");

    static NetworkTools find() {
        return new NetworkTools(tool("ip", BIN, "iproute2"), tool("nft", BIN, "nftables"),
                tool("aardvark-dns", List.of("/usr/lib/podman", "/usr/libexec/podman", "/usr/local/libexec/podman", "/usr/bin",
                        "/usr/local/bin"), "aardvark-dns"),
                tool("unshare", BIN, "util-linux"), tool("nsenter", BIN, "util-linux"), tool("umount", BIN, "mount"));
    }

    private static Path tool(String name, List<String> dirs, String pkg) {
        for (String d : dirs) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new HostException(name + " is not installed: the pod cannot join the shared network",
                "install it (apt-get install " + pkg + "), or play with --network slirp4netns");
    }
}
