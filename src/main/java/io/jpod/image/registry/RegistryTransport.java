package io.jpod.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * HTTP/1.1 requests to registries on the JDK's HttpClient, redirects not followed (the caller
 * does, keeping credentials to their host), certificates not verified without TLS verification;
 * {@value #ATTEMPTS} attempts on connection errors and 5xx answers.
 */
final class RegistryTransport {
    private static final int ATTEMPTS = 3;
    private final HttpClient http;

    RegistryTransport(boolean tlsVerify) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30));
        if (!tlsVerify) {
            b.sslContext(trustAll());
        }
        this.http = b.build();
    }

    /** Sends, retrying connection errors and 5xx answers ({@value #ATTEMPTS} attempts in all). */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<T> r = once(request, handler);
                if (r.statusCode() < 500 || attempt >= ATTEMPTS) {
                    return r;
                }
                discard(r);
            } catch (IOException e) {
                if (attempt >= ATTEMPTS || RegistryErrors.causedBy(e, SSLException.class) || RegistryErrors.isUnknownHost(e)
                        || e instanceof HttpTimeoutException) {
                    throw e;
                }
            }
            try {
                Thread.sleep(250L << attempt);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
        }
    }

    private <T> HttpResponse<T> once(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    /** Closes an answer's body stream, when it is one. */
    static void discard(HttpResponse<?> r) {
        if (r.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
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
            }}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context", e);
        }
    }
}
