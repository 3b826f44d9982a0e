package io.jpod.pod;

import java.util.List;

/**
 * What a probe or a lifecycle hook does, as Kubernetes writes it: exactly one of its handlers is
 * set (a plain record of optional parts, so that it is stored as JSON without type tags). A port is
 * a number or the name of one of the container's ports ({@link PortRef}).
 */
public record ProbeAction(Exec exec, HttpGet httpGet, TcpSocket tcpSocket, Grpc grpc, Sleep sleep) {
    public static ProbeAction exec(List<String> command) {
        return new ProbeAction(new Exec(command), null, null, null, null);
    }

    public static ProbeAction httpGet(HttpGet get) {
        return new ProbeAction(null, get, null, null, null);
    }

    public static ProbeAction tcpSocket(TcpSocket tcp) {
        return new ProbeAction(null, null, tcp, null, null);
    }

    public static ProbeAction grpc(Grpc grpc) {
        return new ProbeAction(null, null, null, grpc, null);
    }

    public static ProbeAction sleep(long seconds) {
        return new ProbeAction(null, null, null, null, new Sleep(seconds));
    }

    /** What it does, in a few words, for events and messages: "exec [cat /tmp/ok]", "http-get http://:8080/healthz". */
    public String describe() {
        if (exec != null) {
            return "exec " + exec.command();
        }
        if (httpGet != null) {
            return "http-get " + httpGet.scheme().toLowerCase(java.util.Locale.ROOT) + "://" + (httpGet.host() == null ? "" : httpGet.host())
                    + ":" + httpGet.port() + httpGet.path();
        }
        if (tcpSocket != null) {
            return "tcp-socket " + (tcpSocket.host() == null ? "" : tcpSocket.host()) + ":" + tcpSocket.port();
        }
        if (grpc != null) {
            return "grpc :" + grpc.port() + (grpc.service() == null ? "" : " " + grpc.service());
        }
        return sleep != null ? "sleep " + sleep.seconds() + "s" : "nothing";
    }

    /** Runs {@code command} in the container (no shell); exit 0 is success. */
    public record Exec(List<String> command) {
        public Exec {
            command = List.copyOf(command);
        }
    }

    /**
     * An HTTP GET of {@code scheme}://{@code host}:{@code port}{@code path} with {@code headers}; a status
     * from 200 to 399 is success. {@code host} null means the pod's IP.
     */
    public record HttpGet(String scheme, String host, String path, PortRef port, List<Header> headers) {
        public HttpGet {
            scheme = scheme == null || scheme.isEmpty() ? "HTTP" : scheme;
            path = path == null || path.isEmpty() ? "/" : path;
            headers = headers == null ? List.of() : List.copyOf(headers);
        }
    }

    /** An HTTP header of an {@link HttpGet}. */
    public record Header(String name, String value) {
    }

    /** A TCP connection to {@code host}:{@code port} that opens is success. {@code host} null means the pod's IP. */
    public record TcpSocket(String host, PortRef port) {
    }

    /** A gRPC health check (grpc.health.v1) of {@code service} (null: the server) on {@code port}; SERVING is success. */
    public record Grpc(int port, String service) {
    }

    /** A hook only: waits {@code seconds} (lifecycle sleep). */
    public record Sleep(long seconds) {
    }

    /** A port given by number, or by the name of one of the container's ports. */
    public record PortRef(Integer number, String name) {
        public static PortRef of(int number) {
            return new PortRef(number, null);
        }

        public static PortRef named(String name) {
            return new PortRef(null, name);
        }

        /** The number: given, or that of the container's port named so; null when no port has the name. */
        public Integer resolve(List<ContainerPort> ports) {
            if (number != null) {
                return number;
            }
            return ports.stream().filter(p -> name.equals(p.name())).map(ContainerPort::containerPort).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return number != null ? number.toString() : name;
        }
    }
}
