package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.client.Client;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native client (src/main/c/jpod-client.c, built into target/jpod-client before the tests) against a command
 * service in this JVM: it must speak {@link io.jpod.client.Frames} as {@link Client} does, with the same exit codes.
 */
class NativeClientTest {
    private static final Path CLIENT = Path.of(System.getProperty("basedir", "."), "target", "jpod-client").toAbsolutePath();
    @TempDir
    Path dir;
    private ServiceFixture service;
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        assertTrue(Files.isExecutable(CLIENT), CLIENT + " is missing: the build makes it with a C compiler (apt-get install gcc)");
        env = Map.of("HOME", dir.toString(), "PATH", "/usr/bin:/bin", "JPOD_ROOT", dir.resolve("root").toString(),
                "JPOD_RUNROOT", dir.resolve("run").toString());
        service = ServiceFixture.start(dir, env, Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() throws Exception {
        service.stop();
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(Map<String, String> environment, String stdin, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(CLIENT.toString());
        pb.command().add(service.socket.toString());
        pb.command().addAll(List.of(args));
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.directory(dir.toFile());
        Process p = pb.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()), ServiceFixture.THREADS);
        CompletableFuture<Void> in = CompletableFuture.runAsync(() -> {
            try (OutputStream o = p.getOutputStream()) {
                o.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // a command that does not read its input
            }
        }, ServiceFixture.THREADS);
        String out = read(p.getInputStream());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the client ended");
        in.get(5, TimeUnit.SECONDS);
        return new Run(p.exitValue(), out, err.get(5, TimeUnit.SECONDS));
    }

    private static String read(java.io.InputStream s) {
        try {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void outputErrorsAndExitCodesComeThroughAsFromTheJavaClient() throws Exception {
        Run version = run(env, "", "version");
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().startsWith("Version:"), version.out());
        Run unknown = run(env, "", "nosuch");
        assertEquals(125, unknown.code());
        assertEquals("Error: unrecognized command `jpod nosuch`\nTry 'jpod --help' for more information\n", unknown.err());
    }

    @Test
    void standardInputIsGivenWhenTheCommandReadsIt() throws Exception {
        String yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: fromstdin\nspec:\n  containers:\n  - name: a\n    image: busybox\n    imagePullPolice: Always\n";
        Run validate = run(env, yaml, "kube", "validate", "-");
        assertEquals(125, validate.code(), validate.out() + validate.err());
        assertTrue(validate.err().contains("unknown field \"imagePullPolice\""), "the service read the YAML from the client's standard input:\n" + validate.err());
    }

    @Test
    void ctrlCOrTermStopsTheServedCommandAsItWouldStopItsOwnProcess() throws Exception {
        for (String[] signal : new String[][] {{"INT", "130"}, {"TERM", "143"}}) {
            ProcessBuilder pb = new ProcessBuilder(CLIENT.toString(), service.socket.toString(), "kube", "validate", "-");
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.directory(dir.toFile());
            Process p = pb.start(); // its standard input stays open, and empty: the command waits for it
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()), ServiceFixture.THREADS);
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()), ServiceFixture.THREADS);
            awaitReadingStandardInput(p.pid());
            String caught = Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status")).stream()
                    .filter(l -> l.startsWith("SigCgt:")).findFirst().orElseThrow().substring(7).trim();
            long hupIntTerm = 1L << 0 | 1L << 1 | 1L << 14;
            assertEquals(hupIntTerm, Long.parseLong(caught, 16) & hupIntTerm, "the client catches SIGHUP, SIGINT and SIGTERM, to forward them");
            assertEquals(0, new ProcessBuilder("kill", "-" + signal[0], Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "SIG" + signal[0] + " ended the client");
            assertEquals(Integer.parseInt(signal[1]), p.exitValue(), () -> "the exit code of a process ended by SIG" + signal[0] + ": " + err.join());
            assertEquals("", out.get(5, TimeUnit.SECONDS) + err.get(5, TimeUnit.SECONDS), "a stopped command prints nothing more");
            p.getOutputStream().close();
        }
        assertEquals(0, run(env, "", "version").code(), "the service serves on");
    }

    /** Waits until the client sits in read(0, ...): the service has asked for the command's standard input. */
    private static void awaitReadingStandardInput(long pid) throws Exception {
        Path syscall = Path.of("/proc", Long.toString(pid), "syscall");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.readString(syscall).startsWith("0 0x0 ")) {
            assertTrue(System.nanoTime() < deadline, "the client never waited for its standard input: " + Files.readString(syscall));
            Thread.sleep(10);
        }
    }

    @Test
    void commandsThatNeedTheirOwnProcessAreDeclinedAndAnotherEnvironmentMakesTheServiceStepAside() throws Exception {
        Run exec = run(env, "", "exec", "web", "ls");
        assertEquals(Client.NOT_SERVED, exec.code());
        assertEquals("", exec.out() + exec.err(), "declined before anything was done");
        Map<String, String> other = new java.util.HashMap<>(env);
        other.put("JPOD_ROOT", dir.resolve("elsewhere").toString());
        Run declined = run(other, "", "version");
        assertEquals(Client.NO_SERVICE, declined.code(), "the service steps aside; the launcher starts one for this environment");
        service.awaitEnd(5);
        assertEquals(Client.NO_SERVICE, run(env, "", "version").code(), "no service listens: the launcher runs jpod itself");
    }
}
