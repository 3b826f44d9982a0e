package io.jpod.network;

import io.jpod.error.HostException;
import io.jpod.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** slirp4netns's API socket: one JSON request per connection, one JSON answer. */
final class SlirpApi {
    private static final JsonMapper JSON = Json.mapper();

    private final Path socket;
    private final String guest;

    /** The API of the slirp4netns at {@code socket}, whose guest is at {@link Slirp4netns#GUEST_ADDRESS}. */
    SlirpApi(Path socket) {
        this(socket, Slirp4netns.GUEST_ADDRESS);
    }

    /** The API of the slirp4netns at {@code socket}, whose guest is at {@code guest}. */
    SlirpApi(Path socket, String guest) {
        this.socket = socket;
        this.guest = guest;
    }

    /** Publishes {@code m}: slirp4netns listens on the host address and forwards to the pod's eth0. */
    void addHostForward(PortMapping m) {
        addHostForward(m, m.containerPort());
    }

    /**
     * Publishes {@code m}'s host address and port, forwarded to {@code guestPort} of slirp4netns's guest
     * (10.0.2.100, or the address it was made with); returns the forward's id.
     */
    int addHostForward(PortMapping m, int guestPort) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("proto", m.protocol());
        args.put("host_addr", m.hostIp());
        args.put("host_port", m.hostPort());
        args.put("guest_addr", guest);
        args.put("guest_port", guestPort);
        JsonNode answer = call(Map.of("execute", "add_hostfwd", "arguments", args));
        if (answer.has("error")) {
            throw new PortInUseException(m, answer.path("error").path("desc").asString(answer.toString()));
        }
        return answer.path("return").path("id").asInt(-1);
    }

    /** Ends the forward {@code id} (what {@link #addHostForward(PortMapping, int)} returned); an unknown id is no error. */
    void removeHostForward(int id) {
        call(Map.of("execute", "remove_hostfwd", "arguments", Map.of("id", id)));
    }

    private JsonNode call(Map<String, Object> request) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(JSON.writeValueAsBytes(request)));
            ch.shutdownOutput();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (ch.read(buf) > 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return JSON.readTree(out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HostException("cannot talk to slirp4netns on " + socket + ": " + e.getMessage(), null, e);
        }
    }
}
