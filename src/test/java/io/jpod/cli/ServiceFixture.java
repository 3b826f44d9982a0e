package io.jpod.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A command service in the test's JVM, on a socket of its own, for the tests of its clients. */
final class ServiceFixture {
    /** Threads of the tests' own (the common pool has one thread on a 2-core machine, which the service would hold). */
    static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "command-service-test");
        t.setDaemon(true);
        return t;
    });

    final Path socket;
    private final CompletableFuture<Void> serving;

    private ServiceFixture(Path socket, CompletableFuture<Void> serving) {
        this.socket = socket;
        this.serving = serving;
    }

    /** Starts a service on {@code dir}/cli.sock with the environment {@code env}, ending after {@code idle}; returns once it listens. */
    static ServiceFixture start(Path dir, Map<String, String> env, Duration idle) throws InterruptedException {
        Path socket = dir.resolve("cli.sock");
        CommandServer server = new CommandServer(socket, idle, env, null);
        CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
            try {
                server.serve();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, THREADS);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(socket) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return new ServiceFixture(socket, serving);
    }

    /** Waits for the service to end by itself. */
    void awaitEnd(long seconds) throws Exception {
        serving.get(seconds, TimeUnit.SECONDS);
    }

    /** Ends the service (it ends when its socket is removed) and waits for it. */
    void stop() throws Exception {
        Files.deleteIfExists(socket);
        awaitEnd(20);
    }
}
