package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-to-end harness: runs the built jpod as an unprivileged user, the way a person would.
 *
 * <p>Set up once per JVM (as root): checks the prerequisites (failing, never skipping, when one is
 * missing), creates the user {@value #USER} with subordinate uid/gid ranges, copies the built
 * distribution (bin/, target/jpod.jar, target/lib/) to the world-readable {@link #DIST} (the clone
 * may be under /root), makes {@link #RUN_DIR} (the user's XDG_RUNTIME_DIR, 0700) and builds the
 * busybox rootfs tarball with scripts/make-busybox-rootfs.sh.
 *
 * <p>Test classes that touch state start with {@link #forClass()}, which also runs
 * {@code jpod system reset -f} as the user and checks that nothing of jpod's is left running.
 */
public final class Harness {
    /**
     * The fork of a parallel run: failsafe runs the end-to-end classes in two JVMs at once
     * ({@code forkCount} in pom.xml) and gives each its number as the system property jpod.e2e.fork.
     * Each fork has its own user, directories and host ports ({@link #PORT_OFFSET}).
     */
    static final String FORK = Optional.ofNullable(System.getProperty("jpod.e2e.fork")).filter(s -> s.matches("[1-9]")).orElse("");
    /**
     * Lets several suites run side by side on one machine (e.g. in separate work trees): with
     * JPOD_E2E_ID=b the user is jpode2eb and the directories /tmp/jpod-e2e-b-*; with the fork's
     * number appended in a parallel run (jpode2ebf1, jpode2ebf2).
     */
    static final String ID = Optional.ofNullable(System.getenv("JPOD_E2E_ID")).filter(s -> s.matches("[a-z0-9]{1,6}")).orElse("")
            + (FORK.isEmpty() ? "" : "f" + FORK);
    /**
     * Added to every host port a test publishes (hostPort, nodePort, --publish), so that forks and
     * side-by-side suites never ask for the same port: 100 per fork, 500 more with JPOD_E2E_ID, or
     * 500 times JPOD_E2E_SLOT (1 to 5: the highest nodePort a test asks for, 30090, stays under 32767) when several suites with IDs run at once.
     */
    public static final int PORT_OFFSET = (FORK.isEmpty() ? 0 : 100 * (Integer.parseInt(FORK) - 1))
            + (System.getenv("JPOD_E2E_ID") == null ? 0
                    : 500 * Optional.ofNullable(System.getenv("JPOD_E2E_SLOT")).filter(s -> s.matches("[1-5]")).map(Integer::parseInt).orElse(1));
    public static final String USER = "jpode2e" + ID;
    /** The image every test imports: busybox from {@link #rootfsTar()}. */
    public static final String IMAGE = "localhost/busybox:latest";
    public static final Path DIST = tmp("dist");
    /** A container command that runs until stopped and stops at once on SIGTERM. */
    public static final String SLEEPER = "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done";
    public static final Path RUN_DIR = tmp("run");
    public static final Path WORK = tmp("work");
    /** Added with usermod when useradd gave the user no subordinate ids. */
    static final String SUBID_RANGE = "200000-265535";
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    /**
     * When set, the harness installs this script as bin/jpod instead of the build (e.g.
     * src/test/podman-shim/jpod, to check the suite's expectations against podman).
     */
    static final String LAUNCHER_ENV = "JPOD_E2E_LAUNCHER";
    /** Tools jpod needs on the host; a missing one fails the suite. */
    static final List<String> PREREQUISITES = List.of(
            "runc", "conmon", "catatonit", "newuidmap", "newgidmap", "unshare", "nsenter", "setsid", "flock",
            "runuser", "useradd", "usermod", "tar");
    /** Debian's default PATH for users: no sbin, as a user really has it. */
    static final String USER_PATH = "/usr/local/bin:/usr/bin:/bin";
    static final List<String> SEARCH_PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");
    private static final JsonMapper JSON = JsonMapper.shared();

    private static Harness instance;

    /** Host port {@code port} of a test, moved by {@link #PORT_OFFSET}. */
    public static int port(int port) {
        return port + PORT_OFFSET;
    }

    /** {@code yaml} with the number of every hostPort and nodePort moved by {@link #PORT_OFFSET}. */
    public static String withPortOffset(String yaml) {
        return java.util.regex.Pattern.compile("((?:hostPort|nodePort):\\s*)(\\d+)").matcher(yaml)
                .replaceAll(m -> m.group(1) + port(Integer.parseInt(m.group(2))));
    }

    /** A scratch path of this suite: /tmp/jpod-e2e-NAME, or /tmp/jpod-e2e-ID-NAME with {@link #ID}. */
    public static Path tmp(String name) {
        return Path.of("/tmp/jpod-e2e-" + (ID.isEmpty() ? "" : ID + "-") + name);
    }
    private static AssertionError setupFailure;

    private final Path project;
    private final long uid;
    private final Path home;
    private final List<long[]> subuidRanges;
    private final Path rootfsTar;
    /** Whether the last jpod command was a {@code system reset -f} that succeeded (set by {@link #cleanUp}). */
    private boolean resetIsLast;

    private Harness(Path project, long uid, Path home, List<long[]> subuidRanges, Path rootfsTar) {
        this.project = project;
        this.uid = uid;
        this.home = home;
        this.subuidRanges = subuidRanges;
        this.rootfsTar = rootfsTar;
    }

    /** The harness, set up on first use; a failed set-up fails every later caller with the same message. */
    public static synchronized Harness get() {
        if (setupFailure != null) {
            throw new AssertionError("end-to-end set-up failed earlier: " + setupFailure.getMessage(), setupFailure);
        }
        if (instance == null) {
            try {
                instance = setUp();
            } catch (AssertionError e) {
                setupFailure = e;
                throw e;
            } catch (RuntimeException e) {
                setupFailure = new AssertionError("end-to-end set-up failed: " + e, e);
                throw setupFailure;
            }
        }
        return instance;
    }

    /** The harness, with jpod's state of the user reset ({@code jpod system reset -f} must succeed). */
    public static Harness forClass() {
        Harness h = get();
        if (h.resetIsLast) { // the class before reset the state and no jpod command ran since: check, do not reset again
            h.assertNothingLeft("after the previous class's jpod system reset -f");
        } else {
            h.reset();
        }
        return h;
    }

    // ---------------------------------------------------------------- set-up

    private static Harness setUp() {
        assertRoot();
        checkPrerequisites();
        Path project = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path jar = project.resolve("target/jpod.jar");
        String launcher = System.getenv(LAUNCHER_ENV);
        if (launcher == null && (!Files.isReadable(jar) || !Files.isDirectory(project.resolve("target/lib")))) {
            fail(jar + " or target/lib is missing: the end-to-end tests run the packaged jpod (mvn verify packages it first)");
        }
        Path nativeClient = project.resolve("target/jpod-client");
        if (launcher == null && !Files.isExecutable(nativeClient)) {
            fail(nativeClient + " is missing: the build makes the command service's native client with a C compiler (apt-get install gcc)");
        }
        Path execHelper = project.resolve("target/jpod-exec");
        if (launcher == null && !Files.isExecutable(execHelper)) {
            fail(execHelper + " is missing: the build makes the exec probes' helper with a C compiler and libseccomp's headers (apt-get install gcc libseccomp-dev)");
        }
        ensureUser();
        long uid = Long.parseLong(rootOk("id", "-u", USER).out().strip());
        long gid = Long.parseLong(rootOk("id", "-g", USER).out().strip());
        Path home = Path.of(rootOk("getent", "passwd", USER).out().strip().split(":")[5]);
        List<long[]> ranges = subordinateRanges(Path.of("/etc/subuid"), uid);

        rootOk("rm", "-rf", DIST.toString());
        rootOk("mkdir", "-p", DIST.resolve("target").toString());
        if (launcher == null) {
            rootOk("cp", "-a", project.resolve("bin").toString(), DIST.toString());
            rootOk("cp", "-a", jar.toString(), project.resolve("target/lib").toString(), nativeClient.toString(), execHelper.toString(),
                    DIST.resolve("target").toString());
        } else {
            rootOk("mkdir", "-p", DIST.resolve("bin").toString());
            rootOk("cp", launcher, DIST.resolve("bin/jpod").toString());
        }
        rootOk("chmod", "-R", "a+rX", DIST.toString());

        rootOk("mkdir", "-p", RUN_DIR.toString());
        rootOk("chown", uid + ":" + gid, RUN_DIR.toString());
        rootOk("chmod", "0700", RUN_DIR.toString());

        rootOk("rm", "-rf", WORK.toString());
        rootOk("mkdir", "-p", "-m", "0755", WORK.toString());
        Path tar = WORK.resolve("busybox-rootfs.tar");
        rootOk("bash", project.resolve("scripts/make-busybox-rootfs.sh").toString(), tar.toString());
        rootOk("chmod", "0644", tar.toString());

        Harness h = new Harness(project, uid, home, ranges, tar);
        Result version = h.jpod("version");
        assertEquals(0, version.code(), () -> USER + " cannot run " + DIST + "/bin/jpod version\n" + version.describe());
        h.waitForAotTraining();
        return h;
    }

    private static void assertRoot() {
        try {
            String status = Files.readString(Path.of("/proc/self/status"));
            boolean root = status.lines().anyMatch(l -> l.startsWith("Uid:") && l.substring(4).strip().startsWith("0\t"));
            assertTrue(root, "the end-to-end tests create a user and switch to it: run them as root (scripts/test.sh)");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
    }

    private static void checkPrerequisites() {
        List<String> missing = new ArrayList<>();
        for (String tool : PREREQUISITES) {
            if (which(tool).isEmpty()) {
                missing.add(tool);
            }
        }
        if (!Files.isExecutable(Path.of("/usr/bin/busybox")) && !Files.isExecutable(Path.of("/bin/busybox"))) {
            missing.add("busybox (static)");
        }
        if (!missing.isEmpty()) {
            fail("missing prerequisites: " + String.join(", ", missing)
                    + " (as root: apt-get install runc conmon catatonit uidmap util-linux busybox-static, or run scripts/setup.sh)");
        }
    }

    static Optional<Path> which(String tool) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(SEARCH_PATH);
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst();
    }

    /** Creates the user unless it exists; forks do it one at a time (useradd and usermod lock /etc/passwd and fail when it is taken). */
    private static void ensureUser() {
        try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(Path.of("/tmp/jpod-e2e-useradd.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock held = lock.lock()) {
            ensureUserLocked();
        } catch (IOException e) {
            throw new IllegalStateException("cannot lock /tmp/jpod-e2e-useradd.lock", e);
        }
    }

    private static void ensureUserLocked() {
        if (root("id", "-u", USER).code() != 0) {
            rootOk("useradd", "-m", "-s", "/bin/bash", USER);
        }
        long uid = Long.parseLong(rootOk("id", "-u", USER).out().strip());
        if (subordinateRanges(Path.of("/etc/subuid"), uid).isEmpty()) {
            rootOk("usermod", "--add-subuids", SUBID_RANGE, USER);
        }
        if (subordinateRanges(Path.of("/etc/subgid"), uid).isEmpty()) {
            rootOk("usermod", "--add-subgids", SUBID_RANGE, USER);
        }
    }

    /** The user's ranges in /etc/subuid or /etc/subgid, as {start, count}. */
    private static List<long[]> subordinateRanges(Path file, long uid) {
        List<long[]> ranges = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return ranges;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.strip().split(":");
                if (f.length == 3 && (f[0].equals(USER) || f[0].equals(Long.toString(uid)))) {
                    ranges.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return ranges;
    }

    /** The launcher's first run on JDK 25+ trains an AOT cache in the background; let it finish. */
    private void waitForAotTraining() {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && userProcesses().stream().anyMatch(p -> p.args().contains("-XX:AOTCacheOutput"))) {
            sleep(Duration.ofMillis(200));
        }
    }

    // ---------------------------------------------------------------- running jpod

    /** Runs {@code jpod args...} as the user, with no standard input. */
    public Result jpod(String... args) {
        return jpodWith(TIMEOUT, null, args);
    }

    /** Runs {@code jpod args...} as the user with {@code stdin} (or none when null), killed after {@code timeout}. */
    public Result jpodWith(Duration timeout, String stdin, String... args) {
        return run(jpodCommand(args), "jpod " + String.join(" ", args), stdin, timeout);
    }

    /** Runs {@code jpod args...} as the user without the command service (JPOD_NO_SERVICE=1): in a jpod process of its own. */
    public Result jpodWithoutService(String... args) {
        return jpodWithVariable("JPOD_NO_SERVICE=1", args);
    }

    /** Runs {@code jpod args...} as the user with one more environment variable ({@code NAME=VALUE}). */
    public Result jpodWithVariable(String variable, String... args) {
        List<String> cmd = userCommand("env");
        cmd.add(variable);
        cmd.add(DIST.resolve("bin/jpod").toString());
        cmd.addAll(List.of(args));
        resetIsLast = false;
        return run(cmd, variable + " jpod " + String.join(" ", args), null, TIMEOUT);
    }

    /**
     * Runs {@code jpod args...} as the user on a terminal: a pseudo-terminal of util-linux's
     * {@code script}, whose output (standard output and error together, with the terminal's
     * control sequences) is the result's {@code out}.
     */
    public Result jpodOnTerminal(String... args) {
        String line = jpodCommand(args).stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(java.util.stream.Collectors.joining(" "));
        return run(List.of("script", "-qefc", line, "/dev/null"), "jpod " + String.join(" ", args) + " (on a terminal)", null, TIMEOUT);
    }

    /** Runs {@code jpod args...}; fails the test, showing both streams, unless it exits 0. */
    public Result jpodOk(String... args) {
        Result r = jpod(args);
        assertEquals(0, r.code(), () -> "expected success\n" + r.describe());
        return r;
    }

    /**
     * Runs {@code jpod args...} expecting a user error the way podman reports it: exit 125 and one
     * line on stderr starting with "Error: ", no stack trace. Returns the result for more checks.
     */
    public Result jpodError(String... args) {
        Result r = jpod(args);
        assertEquals(125, r.code(), () -> "expected exit 125\n" + r.describe());
        assertOneErrorLine(r);
        return r;
    }

    /** stderr is exactly one line, "Error: ...", with nothing of a Java stack trace. */
    public static void assertOneErrorLine(Result r) {
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), () -> "expected exactly one line on stderr\n" + r.describe());
        assertTrue(lines.get(0).startsWith("Error: "), () -> "stderr should start with \"Error: \"\n" + r.describe());
        assertFalse(r.err().contains("Exception") || r.err().contains("at io.jpod") || r.err().contains("\tat "),
                () -> "no stack trace or exception class names in user errors\n" + r.describe());
    }

    /** Starts {@code jpod args...} as the user and leaves it running (close the result to kill it). */
    public Background start(String... args) {
        try {
            Path out = Files.createTempFile("jpod-e2e-out", ".txt");
            Path err = Files.createTempFile("jpod-e2e-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(jpodCommand(args)).directory(WORK.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            return new Background("jpod " + String.join(" ", args), pb.start(), out, err);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start jpod " + String.join(" ", args), e);
        }
    }

    /** The command line of {@code jpod args...} as the user: every jpod command the harness runs is made here. */
    private List<String> jpodCommand(String... args) {
        resetIsLast = false;
        List<String> cmd = userCommand(DIST.resolve("bin/jpod").toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code program} run as the user, with the environment a login would give (no sbin in PATH). */
    private List<String> userCommand(String program) {
        return new ArrayList<>(List.of(
                "runuser", "-u", USER, "--", "env", "-i",
                "HOME=" + home, "USER=" + USER, "LOGNAME=" + USER, "PATH=" + USER_PATH, "LANG=C.UTF-8",
                "XDG_RUNTIME_DIR=" + RUN_DIR, program));
    }

    /** Runs another program (podman, to compare) as the user, in {@link #WORK}. */
    public Result asUser(String program, String... args) {
        List<String> cmd = userCommand(program);
        cmd.addAll(List.of(args));
        return run(cmd, program + " " + String.join(" ", args), null, TIMEOUT);
    }

    /** Runs a command as root (the harness's own plumbing). */
    static Result root(String... command) {
        return run(List.of(command), String.join(" ", command), null, TIMEOUT);
    }

    static Result rootOk(String... command) {
        Result r = root(command);
        assertEquals(0, r.code(), () -> "set-up command failed\n" + r.describe());
        return r;
    }

    private static Result run(List<String> command, String display, String stdin, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("jpod-e2e-out", ".txt");
            err = Files.createTempFile("jpod-e2e-err", ".txt");
            // Output goes to files, not pipes: a process jpod leaves behind (conmon) may keep a copy
            // of the descriptors, and a pipe would then never reach end-of-file.
            ProcessBuilder pb = new ProcessBuilder(command).directory(WORK.toFile().isDirectory() ? WORK.toFile() : new File("/"))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            long started = System.nanoTime();
            Process p = pb.start();
            if (stdin != null) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the command did not read all of it: its exit code tells
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                Result partial = new Result(display, -1, Files.readString(out), Files.readString(err));
                fail("timed out after " + timeout.toSeconds() + " s (killed)\n" + partial.describe());
            }
            CommandTimes.record(display, System.nanoTime() - started);
            return new Result(display, p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + display, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + display, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Kills {@code p} and its descendants (not what they detached: conmon and the namespace holder are not descendants). */
    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }

    // ---------------------------------------------------------------- common steps

    /** {@code jpod system reset -f} as the user; then nothing of jpod's may be left running or mounted. */
    public void reset() {
        jpodOk("system", "reset", "-f");
        assertNothingLeft("after jpod system reset -f");
    }

    /**
     * Best effort clean-up after a class: reset, ignoring failure (the next class resets again unless
     * this one succeeded, and checks that nothing is left either way).
     */
    public void cleanUp() {
        resetIsLast = jpod("system", "reset", "-f").code() == 0;
    }

    /** The busybox rootfs tarball (world-readable). */
    public Path rootfsTar() {
        return rootfsTar;
    }

    /** The project's checkout (where examples/ is). */
    public Path project() {
        return project;
    }

    public Path home() {
        return home;
    }

    /** Imports the busybox rootfs as {@link #IMAGE}, with PATH set as the README does. */
    public Result importBusybox() {
        return jpodOk("import", "--change", "ENV=PATH=/bin:/usr/bin", rootfsTar.toString(), IMAGE);
    }

    /** Writes {@code text} to a file in {@link #WORK}, readable by the user; returns its path. */
    public Path writeYaml(String name, String text) {
        Path file = WORK.resolve(name);
        try {
            Files.writeString(file, text);
            rootOk("chmod", "0644", file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * A copy of a file of the checkout (e.g. examples/kube/hello-pod.yaml) where the user can read
     * it, its host ports moved by {@link #PORT_OFFSET}.
     */
    public Path readableCopy(String relative) {
        try {
            return writeYaml(Path.of(relative).getFileName().toString(), withPortOffset(Files.readString(project.resolve(relative))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + relative, e);
        }
    }

    /** {@code kube play} that must succeed; returns what it printed, parsed. */
    public PlayOutput play(Path yaml, String... flags) {
        List<String> args = new ArrayList<>(List.of("kube", "play"));
        args.addAll(List.of(flags));
        args.add(yaml.toString());
        return PlayOutput.parse(jpodOk(args.toArray(String[]::new)));
    }

    /** The trimmed standard output of {@code jpod exec container command...}, which must succeed. */
    public String execOut(String container, String... command) {
        List<String> args = new ArrayList<>(List.of("exec", container));
        args.addAll(List.of(command));
        return jpodOk(args.toArray(String[]::new)).out().strip();
    }

    /** What one shell command of {@link #execEach} printed (trimmed) and its exit code. */
    public record Ran(String command, String out, int code) {
        /** Its output, when it succeeded; fails naming the command otherwise. */
        public String ok() {
            assertEquals(0, code, () -> "`" + command + "` in the container exited " + code + ": " + out);
            return out;
        }
    }

    /**
     * Runs each of {@code commands} (shell command lines) in {@code container}, in order, in one
     * {@code jpod exec} (a JVM and a runtime exec each, which is what a test pays for): each one's
     * output and exit code. The exec itself must succeed.
     */
    public List<Ran> execEach(String container, String... commands) {
        String mark = "@@jpod-e2e-rc=";
        StringBuilder script = new StringBuilder();
        for (String c : commands) {
            script.append("( ").append(c).append(" ) 2>&1; echo \"").append(mark).append("$?\"\n");
        }
        String out = jpodOk("exec", container, "sh", "-c", script.toString()).out();
        List<Ran> ran = new ArrayList<>();
        int from = 0;
        for (String c : commands) {
            int at = out.indexOf(mark, from);
            assertTrue(at >= 0, () -> "no result of `" + c + "` in\n" + out);
            int eol = out.indexOf('\n', at);
            int code = Integer.parseInt(out.substring(at + mark.length(), eol < 0 ? out.length() : eol).strip());
            ran.add(new Ran(c, out.substring(from, at).strip(), code));
            from = eol < 0 ? out.length() : eol + 1;
        }
        return ran;
    }

    // ---------------------------------------------------------------- JSON

    /** Parses a command's standard output as JSON; fails with the output when it is not. */
    public static JsonNode json(Result r) {
        try {
            return JSON.readTree(r.out());
        } catch (RuntimeException e) {
            return fail("output is not JSON: " + e.getMessage() + "\n" + r.describe());
        }
    }

    /** {@code pod ps --format json}: a JSON array. */
    public JsonNode podPs() {
        JsonNode pods = json(jpodOk("pod", "ps", "--format", "json"));
        assertTrue(pods.isArray(), () -> "pod ps --format json must be an array: " + pods);
        return pods;
    }

    /** {@code ps -a --format json}: a JSON array. */
    public JsonNode psAll() {
        JsonNode ctrs = json(jpodOk("ps", "-a", "--format", "json"));
        assertTrue(ctrs.isArray(), () -> "ps -a --format json must be an array: " + ctrs);
        return ctrs;
    }

    /** The entry of a {@code ps --format json} array named {@code name} (Names is a list in podman's JSON). */
    public static Optional<JsonNode> byName(JsonNode array, String name) {
        for (JsonNode n : array) {
            JsonNode names = n.path("Names");
            if (names.isArray() ? names.values().stream().anyMatch(v -> name.equals(v.asString(""))) : name.equals(names.asString(""))) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** The entry of a {@code pod ps --format json} array named {@code name}. */
    public static Optional<JsonNode> podByName(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (name.equals(text(n, "Name"))) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** A string field, or "" when it is missing or not a string. */
    public static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isString() ? v.stringValue() : "";
    }

    /** The container {@code name} from {@code ps -a --format json}; fails when there is none. */
    public JsonNode container(String name) {
        JsonNode all = psAll();
        return byName(all, name).orElseGet(() -> fail("no container " + name + " in ps -a --format json: " + all));
    }

    /** The State of container {@code name} in {@code ps -a --format json} ("" when it is not listed). */
    public String state(String name) {
        return byName(psAll(), name).map(n -> text(n, "State")).orElse("");
    }

    // ---------------------------------------------------------------- waiting

    /** Polls {@code condition} until it holds; fails with {@code what} after {@code timeout}. */
    public static void waitFor(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 250;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            sleep(Duration.ofMillis(pause));
            // a check is a JVM start (most of a second of CPU on these 2-core machines), taken from the other
            // fork's tests: a long wait checks less often
            pause = Math.min(500, pause * 2);
        }
    }

    /** Waits until container {@code name} is in {@code state} (podman's words: running, exited, created). */
    public void waitForState(String name, String state, Duration timeout) {
        String[] last = {""};
        try {
            waitFor(name + " to be " + state, timeout, () -> state.equals(last[0] = state(name)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (last state: \"" + last[0] + "\")", e);
        }
    }

    /**
     * Waits until the last exit of container {@code name} has been handled: its conmon is gone and
     * no {@code jpod container cleanup} of it runs any more (cleanup applies the restart policy, so
     * a restart, had there been one, would have begun). A test that checks that something is not
     * restarted asks this instead of sleeping.
     */
    public void waitForExitHandled(String name, Duration timeout) {
        String id = text(container(name), "Id");
        AtomicReference<List<HostProcess>> busy = new AtomicReference<>(List.of());
        try {
            waitFor("the exit of " + name + " to be handled (conmon gone, cleanup done)", timeout, () -> {
                busy.set(userProcesses().stream().filter(p -> p.args().contains(id)
                        && (p.comm().equals("conmon") || p.args().contains("cleanup"))).toList());
                return busy.get().isEmpty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + busy.get(), e);
        }
    }

    /** Waits until {@code jpod logs name} shows {@code text} at least {@code times} times; returns the logs. */
    public String waitForLog(String name, String text, int times, Duration timeout) {
        Result[] last = {null};
        try {
            waitFor(times + "x \"" + text + "\" in the logs of " + name, timeout, () -> {
                last[0] = jpod("logs", name);
                return last[0].code() == 0 && count(last[0].out() + last[0].err(), text) >= times;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + (last[0] == null ? "" : last[0].describe()), e);
        }
        return last[0].out() + last[0].err();
    }

    /** An HTTP server on the host, at {@code address} and a free port, that answers every request with {@code body}; started. */
    public static com.sun.net.httpserver.HttpServer answering(String address, String body) throws IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(address, 0), 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        return server;
    }

    public static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---------------------------------------------------------------- the host

    /** Processes of the user: its own uid and its subordinate uids (container processes running as non-root). */
    public List<HostProcess> userProcesses() {
        return HostProcess.all(u -> u == uid || subuidRanges.stream().anyMatch(r -> u >= r[0] && u < r[0] + r[1]));
    }

    /** The pid of the user-namespace holder (catatonit -P) from $XDG_RUNTIME_DIR/jpod/userns.pid, if it runs. */
    public OptionalLong holderPid() {
        try {
            long pid = Long.parseLong(Files.readString(RUN_DIR.resolve("jpod/userns.pid")).strip());
            return Files.exists(Path.of("/proc", Long.toString(pid))) ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The user's processes that are neither the namespace holder nor the launcher's background AOT
     * training run: what a pod left running.
     */
    public List<HostProcess> leftovers() {
        List<HostProcess> procs = userProcesses();
        Set<Long> training = procs.stream().filter(p -> p.args().contains("-XX:AOTCacheOutput"))
                .map(HostProcess::pid).collect(Collectors.toSet());
        Set<Long> trainingParents = procs.stream().filter(p -> training.contains(p.pid()))
                .map(HostProcess::ppid).collect(Collectors.toSet());
        long holder = holderPid().orElse(-1);
        return procs.stream()
                .filter(p -> p.pid() != holder && !training.contains(p.pid()) && !trainingParents.contains(p.pid())
                        && !training.contains(p.ppid()) && !isCommandService(p)) // the JVM a training run starts to write its cache
                .toList();
    }

    /** The user's command service (bin/jpod starts it; it ends by itself when idle), if one runs and listens. */
    public Optional<HostProcess> commandService() {
        return userProcesses().stream().filter(Harness::isCommandService).filter(p -> Files.exists(RUN_DIR.resolve("jpod/cli.sock"))).findFirst();
    }

    private static boolean isCommandService(HostProcess p) {
        return p.args().contains("io.jpod.cli.CommandServer");
    }

    /** The user's processes named {@code comm} (java, conmon, ...), leftovers only. */
    public List<HostProcess> leftovers(String comm) {
        return leftovers().stream().filter(p -> p.comm().equals(comm)).toList();
    }

    /**
     * Mounts in the user's mount namespace (the holder's) that are jpod's: overlay mounts, and
     * anything mounted under jpod's data or run directory, that the host namespace does not have.
     */
    public List<String> jpodMounts() {
        OptionalLong holder = holderPid();
        if (holder.isEmpty()) {
            return List.of();
        }
        Set<String> host = new HashSet<>(mountKeys(Path.of("/proc/1/mounts")));
        String data = home.resolve(".local/share/jpod").toString();
        String run = RUN_DIR.resolve("jpod").toString();
        List<String> found = new ArrayList<>();
        for (String line : readLines(Path.of("/proc", Long.toString(holder.getAsLong()), "mounts"))) {
            String[] f = line.split(" ");
            if (f.length < 3 || host.contains(f[1] + " " + f[2])) {
                continue;
            }
            if (f[2].equals("overlay") || f[2].contains("fuse-overlayfs") || f[1].startsWith(data) || f[1].startsWith(run)) {
                found.add(line);
            }
        }
        return found;
    }

    private static List<String> mountKeys(Path mounts) {
        return readLines(mounts).stream().map(l -> l.split(" ")).filter(f -> f.length >= 3).map(f -> f[1] + " " + f[2]).toList();
    }

    private static List<String> readLines(Path p) {
        try (Stream<String> lines = Files.lines(p)) {
            return lines.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Nothing of jpod's is left: no process of the user but the namespace holder (conmon, runc,
     * catatonit, container processes all gone), no jpod mount in the user's namespace. Allows a few
     * seconds for processes that are already exiting.
     */
    /**
     * After a test: no pod and no container are left (and, with {@code leftovers}, no process or
     * mount). When something is, the state is reset and the busybox image imported again, so that
     * the next test starts clean, and the check fails.
     */
    public void assertTestLeftNothing(boolean leftovers) {
        try {
            // every pod has its infra container, which ps -a lists: one listing tells of pods and containers
            JsonNode left = psAll();
            assertEquals(0, left.size(), () -> "no pods or containers left: " + left);
            if (leftovers) {
                assertNothingLeft("after the test");
            }
        } catch (AssertionError e) {
            cleanUp();
            importBusybox();
            throw e;
        }
    }

    public void assertNothingLeft(String when) {
        AtomicReference<List<HostProcess>> procs = new AtomicReference<>(List.of());
        AtomicReference<List<String>> mounts = new AtomicReference<>(List.of());
        try {
            waitFor("nothing of jpod's to be left " + when, Duration.ofSeconds(10), () -> {
                procs.set(leftovers());
                mounts.set(jpodMounts());
                return procs.get().isEmpty() && mounts.get().isEmpty();
            });
        } catch (AssertionError e) {
            fail(e.getMessage() + "\nprocesses left:\n  " + procs.get().stream().map(HostProcess::toString).collect(Collectors.joining("\n  "))
                    + "\nmounts left:\n  " + String.join("\n  ", mounts.get()));
        }
    }
}
