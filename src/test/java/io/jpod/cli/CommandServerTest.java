package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.client.Client;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command service and its client, in this JVM, on a socket of their own (commands that need no store). */
class CommandServerTest {
    private static final Map<String, String> ENV = Map.of("HOME", "/home/someone", "PATH", "/usr/bin:/bin", "PWD", "/here");
    @TempDir
    Path dir;
    private ServiceFixture service;
    private Path socket;

    @BeforeEach
    void start() throws Exception {
        start(Duration.ofMinutes(1));
    }

    private void start(Duration idle) throws Exception {
        service = ServiceFixture.start(dir, ENV, idle);
        socket = service.socket;
    }

    @AfterEach
    void stop() throws Exception {
        service.stop();
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Client.run(socket, List.of(args), env, "/tmp", new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err,
                new boolean[] {false, false, false});
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aServedCommandPrintsAndExitsAsItsOwnProcessWould() {
        Run version = run(ENV, "", "version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("Version:"), version.out());
        Run usage = run(ENV, "", "pod");
        assertEquals(125, usage.code());
        assertTrue(usage.err().contains("Usage") || usage.err().contains("missing"), usage.err());
        Run unknown = run(ENV, "", "nosuch");
        assertEquals(125, unknown.code());
        assertEquals("Error: unrecognized command `jpod nosuch`\nTry 'jpod --help' for more information\n", unknown.err());
    }

    @Test
    void anotherShellOfTheSameEnvironmentIsServedAnotherEnvironmentMakesTheServiceStepAside() throws Exception {
        Map<String, String> otherShell = new HashMap<>(ENV);
        otherShell.put("PWD", "/elsewhere");
        otherShell.put("SHLVL", "3");
        assertEquals(0, run(otherShell, "", "version").code());
        Map<String, String> other = new HashMap<>(ENV);
        other.put("JPOD_ROOT", "/somewhere");
        Run declined = run(other, "", "version");
        assertEquals(Client.NO_SERVICE, declined.code(), "declined, and the launcher is to start a service for it");
        assertEquals("", declined.out() + declined.err(), "a declined command has done nothing");
        service.awaitEnd(5); // this one stepped aside: it does not live on declining
        assertEquals(Client.NO_SERVICE, run(ENV, "", "version").code());
    }

    @Test
    void aSignalTheClientForwardsStopsTheCommandWhichPrintsNothingMoreAndExitsAsItsProcessWould() throws Exception {
        java.io.PipedOutputStream typed = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(typed);
        CompletableFuture<java.util.function.IntConsumer> forward = new CompletableFuture<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> Client.run(socket, List.of("kube", "validate", "-"),
                ENV, "/tmp", stdin, out, err, new boolean[] {false, false, false}, forward::complete), ServiceFixture.THREADS);
        forward.get(10, java.util.concurrent.TimeUnit.SECONDS).accept(15); // SIGTERM, once the command was accepted
        typed.close(); // the Java client waits in a read of its input, which only its end ends
        assertEquals(143, code.get(20, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("", out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run(ENV, "", "version").code(), "the service serves on");
    }

    @Test
    void commandsThatNeedTheirOwnProcessAreDeclinedBeforeAnythingIsDone() {
        Run exec = run(ENV, "", "exec", "web", "ls");
        assertEquals(Client.NOT_SERVED, exec.code());
        assertEquals("", exec.out() + exec.err());
    }

    @Test
    void commandsRunSideBySide() throws Exception {
        List<CompletableFuture<Run>> runs = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> run(ENV, "", "version"), ServiceFixture.THREADS)).toList();
        for (CompletableFuture<Run> r : runs) {
            assertEquals(0, r.get().code());
            assertTrue(r.get().out().startsWith("Version:"));
        }
    }

    @Test
    void theServiceEndsWhenIdleAndRemovesItsSocket() throws Exception {
        Files.delete(socket);
        service.awaitEnd(5);
        start(Duration.ofSeconds(1));
        service.awaitEnd(20);
        assertFalse(Files.exists(socket), "the socket is removed");
        assertEquals(Client.NO_SERVICE, run(ENV, "", "version").code(), "no service: the launcher runs jpod itself");
    }

    @Test
    void theServiceEndsWhenItsSocketIsRemoved() throws Exception {
        Files.delete(socket);
        service.awaitEnd(5);
    }
}
