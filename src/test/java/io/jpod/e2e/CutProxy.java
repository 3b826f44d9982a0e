package io.jpod.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a registry that, while {@link #cutOn} is set, cuts a
 * connection {@link #cutAfter} bytes into the answer to a request containing that text (a blob
 * being downloaded): what a network failure in the middle of a pull looks like.
 */
final class CutProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    /** Text of a request whose answer is cut; null: pass everything. */
    volatile String cutOn;
    volatile int cutAfter = 64 * 1024;
    /** How many connections were cut. */
    final AtomicInteger cuts = new AtomicInteger();

    CutProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(this::acceptLoop, "cut-proxy");
        t.setDaemon(true);
        t.start();
    }

    String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "cut-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        AtomicBoolean armed = new AtomicBoolean();
        try (client; Socket backend = new Socket("127.0.0.1", targetPort)) {
            Thread up = new Thread(() -> requests(client, backend, armed), "cut-proxy-up");
            up.setDaemon(true);
            up.start();
            InputStream in = backend.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buf = new byte[8192];
            long sinceArmed = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                if (armed.get()) {
                    if (sinceArmed + n > cutAfter) {
                        out.write(buf, 0, (int) Math.max(0, cutAfter - sinceArmed));
                        out.flush();
                        cuts.incrementAndGet();
                        return; // closing both sockets mid-answer
                    }
                    sinceArmed += n;
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // connection ended
        }
    }

    /** Copies the client's requests, arming the cut (before forwarding) when one contains {@link #cutOn}. */
    private void requests(Socket client, Socket backend, AtomicBoolean armed) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = backend.getOutputStream();
            byte[] buf = new byte[8192];
            String tail = "";
            for (int n; (n = in.read(buf)) > 0; ) {
                String seen = tail + new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                String cut = cutOn;
                if (cut != null && seen.contains(cut)) {
                    armed.set(true);
                }
                tail = seen.substring(Math.max(0, seen.length() - 512));
                out.write(buf, 0, n);
                out.flush();
            }
            backend.shutdownOutput();
        } catch (IOException e) {
            // connection ended
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
