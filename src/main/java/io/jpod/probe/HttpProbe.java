package io.jpod.probe;

import io.jpod.pod.ProbeAction;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The kubelet's httpGet probe, on plain sockets made by the calling thread: a GET with the probe's
 * headers plus {@code User-Agent: kube-probe/1.x} and {@code Accept: *}{@code /*}; a status from 200 to
 * 399 is success; redirects are followed to the same host, at most 10, and a redirect to another
 * host ends the probe with the 3xx as its status (success). HTTPS does not verify the certificate,
 * as the kubelet does not.
 */
final class HttpProbe {
    static final String USER_AGENT = "kube-probe/1.34";
    private static final int MAX_REDIRECTS = 10;
    private static final int MAX_HEADER_LINE = 16 * 1024;

    private HttpProbe() {
    }

    /** What one GET answered: its status and its Location header (or null). */
    record Response(int status, String location) {
    }

    static ProbeResult run(String scheme, String host, int port, String path, List<ProbeAction.Header> headers, Deadline deadline) {
        URI first;
        try {
            first = new URI(scheme.toLowerCase(Locale.ROOT) + "://" + Dial.hostPort(host, port) + (path.startsWith("/") ? path : "/" + path));
        } catch (URISyntaxException e) {
            return ProbeResult.failure("invalid URL: " + e.getMessage());
        }
        URI url = first;
        for (int redirects = 0;; redirects++) {
            Response response;
            try {
                response = get(url, headers, deadline);
            } catch (Dial.Failure e) {
                return ProbeResult.failure("Get \"" + url + "\": " + e.getMessage());
            }
            int status = response.status();
            if (status >= 300 && status < 400 && response.location() != null) {
                URI next;
                try {
                    next = url.resolve(new URI(response.location()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    return ProbeResult.success("HTTP probe succeeded with statuscode: " + status);
                }
                if (!String.valueOf(next.getHost()).equalsIgnoreCase(first.getHost())) {
                    return ProbeResult.success("Probe terminated redirects, statuscode: " + status);
                }
                if (redirects + 1 >= MAX_REDIRECTS) {
                    return ProbeResult.failure("Get \"" + next + "\": stopped after " + MAX_REDIRECTS + " redirects");
                }
                url = next;
                continue;
            }
            return status >= 200 && status < 400 ? ProbeResult.success("HTTP probe succeeded with statuscode: " + status)
                    : ProbeResult.failure("HTTP probe failed with statuscode: " + status);
        }
    }

    /** One GET of {@code url}, on a connection of its own ({@code Connection: close}); reads only the head of the response. */
    static Response get(URI url, List<ProbeAction.Header> headers, Deadline deadline) throws Dial.Failure {
        boolean https = "https".equals(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        Socket socket = Dial.open(host, port, deadline);
        try {
            if (https) {
                SSLSocket tls = (SSLSocket) Tls.TRUST_ALL.createSocket(socket, host, port, true);
                tls.setSoTimeout(deadline.remainingMillis());
                tls.startHandshake();
                socket = tls;
            }
            socket.setSoTimeout(deadline.remainingMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request(url, headers).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readHead(new BufferedInputStream(socket.getInputStream()), socket, deadline);
        } catch (SocketTimeoutException e) {
            throw new Dial.Failure("context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        } catch (IOException e) {
            throw new Dial.Failure(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            Dial.close(socket);
        }
    }

    /** The request's head: the probe's own headers replace the defaults of the same name (Host too). */
    static String request(URI url, List<ProbeAction.Header> headers) {
        String target = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            target += "?" + url.getRawQuery();
        }
        StringBuilder head = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
        String authority = url.getRawAuthority();
        head.append("Host: ").append(valueOf(headers, "Host", authority)).append("\r\n");
        head.append("User-Agent: ").append(valueOf(headers, "User-Agent", USER_AGENT)).append("\r\n");
        head.append("Accept: ").append(valueOf(headers, "Accept", "*/*")).append("\r\n");
        for (ProbeAction.Header h : headers) {
            if (!List.of("host", "user-agent", "accept", "connection").contains(h.name().toLowerCase(Locale.ROOT))) {
                head.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
        }
        return head.append("Connection: close\r\n\r\n").toString();
    }

    private static String valueOf(List<ProbeAction.Header> headers, String name, String otherwise) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(ProbeAction.Header::value).findFirst().orElse(otherwise);
    }

    static Response readHead(InputStream in, Socket socket, Deadline deadline) throws IOException {
        String status = readLine(in, socket, deadline);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("malformed HTTP response \"" + status + "\"");
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("malformed HTTP status code \"" + parts[1] + "\"");
        }
        String location = null;
        for (String line = readLine(in, socket, deadline); !line.isEmpty(); line = readLine(in, socket, deadline)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Location")) {
                location = line.substring(colon + 1).trim();
            }
        }
        if (code >= 100 && code < 200) {
            return readHead(in, socket, deadline);
        }
        return new Response(code, location);
    }

    private static String readLine(InputStream in, Socket socket, Deadline deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            socket.setSoTimeout(deadline.remainingMillis());
            int b = in.read();
            if (b == -1) {
                throw new IOException(line.size() == 0 ? "EOF" : "unexpected EOF");
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (line.size() >= MAX_HEADER_LINE) {
                throw new IOException("HTTP header line too long");
            }
            line.write(b);
        }
    }

    /**
     * TLS that accepts any certificate, as the kubelet's probes do (InsecureSkipVerify). A holder class:
     * the TLS stack (some 200 classes) is loaded by the first HTTPS probe, not by the long-lived
     * supervisor that only probes plain HTTP.
     */
    private static final class Tls {
        static final SSLSocketFactory TRUST_ALL = trustAll();

        private Tls() {
        }

        private static SSLSocketFactory trustAll() {
            TrustManager any = new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            };
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {any}, null);
                return context.getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("TLS is not available", e);
            }
        }
    }
}
