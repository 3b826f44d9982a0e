package io.jpod.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Opens a TCP connection on the calling thread (so in its network namespace), failing in Go's words. */
final class Dial {
    private Dial() {
    }

    /** Why a probe failed: its message is the kubelet's. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code host:port} as Go's net.JoinHostPort writes it (an IPv6 address in brackets). */
    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    static Socket open(String host, int port, Deadline deadline) throws Failure {
        String address = hostPort(host, port);
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), deadline.remainingMillis());
            return socket;
        } catch (IOException e) {
            close(socket);
            throw new Failure(describe(e, address));
        }
    }

    static String describe(IOException e, String address) {
        if (e instanceof UnknownHostException) {
            return "dial tcp: lookup " + address.substring(0, address.lastIndexOf(':')) + ": no such host";
        }
        if (e instanceof SocketTimeoutException) {
            return "dial tcp " + address + ": i/o timeout";
        }
        if (e instanceof NoRouteToHostException) {
            return "dial tcp " + address + ": connect: no route to host";
        }
        if (e instanceof ConnectException && String.valueOf(e.getMessage()).contains("refused")) {
            return "dial tcp " + address + ": connect: connection refused";
        }
        return "dial tcp " + address + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was sent that a close could lose
        }
    }
}
