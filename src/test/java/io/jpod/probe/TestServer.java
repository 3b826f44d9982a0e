package io.jpod.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A server on 127.0.0.1 for the probes' tests: each connection is handed to a handler on a thread of its own. */
final class TestServer implements AutoCloseable {
    /** What the server does with one connection. */
    interface Handler {
        void handle(Socket socket) throws IOException;
    }

    private final ServerSocket server;
    final List<String> requests = new CopyOnWriteArrayList<>();

    TestServer(Handler handler) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), handler);
    }

    TestServer(ServerSocket server, Handler handler) {
        this.server = server;
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> {
                        try (s) {
                            handler.handle(s);
                        } catch (IOException ignored) {
                            // the client went away
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** An HTTP server answering each request (its head recorded in {@link #requests}) with what {@code answer} gives for its path. */
    static TestServer http(java.util.function.Function<String, String> answer) throws IOException {
        TestServer[] self = new TestServer[1];
        self[0] = new TestServer(s -> {
            String head = readHead(s.getInputStream());
            self[0].requests.add(head);
            String path = head.split(" ")[1];
            s.getOutputStream().write(answer.apply(path).getBytes(StandardCharsets.ISO_8859_1));
        });
        return self[0];
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
