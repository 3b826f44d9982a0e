package io.jpod.e2e;

import static io.jpod.e2e.Harness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * User errors: one line "Error: ..." naming what is wrong and where, exit 125, no stack trace,
 * and nothing half-created.
 */
class ErrorsIT extends PlayingIT {
    private static final String SLEEPER = Harness.SLEEPER;

    /**
     * Nothing half-created: after every test no pod, no container, no process, no mount (the test
     * that plays a good pod removes it). When something is left, the state is reset so that the
     * next test starts clean, and this test fails.
     */
    @Override
    protected boolean leftNothingChecksProcesses() {
        return true;
    }

    private static void assertMentions(Result r, String what) {
        assertTrue(r.err().contains(what), () -> "the error should name " + what + "\n" + r.describe());
    }

    @Test
    void anUnknownVerbIsAnErrorEvenWithHelpAsInPodman() {
        Result r = h.jpod("nosuch", "--help");
        assertEquals(125, r.code(), r::describe);
        assertEquals("Error: unrecognized command `jpod nosuch`", r.errLines().get(0));
        assertTrue(r.out().isEmpty(), "no help: a script can tell the verb is missing");
    }

    @Test
    void aHolderThatDiesBeforeNsenterDoesNotFailTheCommand() {
        // an nsenter that first kills the holder, as the machine ending a user's processes might between the launcher's
        // check and nsenter: the launcher holds the namespaces open, so the command runs, and the next one starts a holder
        Harness.rootOk("mkdir", "-p", Harness.WORK.resolve("killing-nsenter").toString());
        Path wrapper = h.writeYaml("killing-nsenter/nsenter", """
                #!/bin/sh
                kill -9 "$JPOD_USERNS_PID"
                while [ -e "/proc/$JPOD_USERNS_PID/ns" ]; do sleep 0.01; done
                exec /usr/bin/nsenter "$@"
                """);
        Harness.rootOk("chmod", "0755", wrapper.getParent().toString(), wrapper.toString());
        Result r = h.asUser("env", "PATH=" + wrapper.getParent() + ":" + Harness.USER_PATH, "JPOD_NO_SERVICE=1",
                Harness.DIST.resolve("bin/jpod").toString(), "pod", "ps", "-q");
        assertEquals(0, r.code(), () -> "the holder killed before nsenter\n" + r.describe());
        assertFalse(r.err().contains("nsenter"), r::describe);
        h.jpodOk("pod", "ps", "-q");
    }

    @Test
    void missingFile() {
        Path missing = Harness.WORK.resolve("no-such-file.yaml");
        assertMentions(h.jpodError("kube", "play", missing.toString()), "no-such-file.yaml");
    }

    @Test
    void yamlSyntaxErrorNamesFileLineAndColumn() {
        Path bad = h.writeYaml("bad-syntax.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: syntax
                 labels: {app: [oops
                spec:
                  containers: []
                """);
        Result r = h.jpodError("kube", "play", bad.toString());
        Matcher m = Pattern.compile("bad-syntax\\.yaml:(\\d+):(\\d+)").matcher(r.err());
        assertTrue(m.find(), () -> "the error should say file:line:col\n" + r.describe());
        int line = Integer.parseInt(m.group(1));
        assertTrue(line >= 4 && line <= 8, () -> "the line should be near the mistake (line 5)\n" + r.describe());
    }

    @Test
    void aFileOfOnlyAnUnknownKindHasNothingToPlay() {
        Path yaml = h.writeYaml("unknown-kind.yaml", """
                apiVersion: v1
                kind: Frobnicator
                metadata:
                  name: frob
                """);
        Result r = h.jpod("kube", "play", yaml.toString());
        assertEquals(125, r.code(), () -> "nothing to play is an error\n" + r.describe());
        List<String> lines = r.errLines();
        assertEquals(2, lines.size(), () -> "a warning, then the error\n" + r.describe());
        assertTrue(lines.get(0).startsWith("WARN[0000] ") && lines.get(0).contains("unknown-kind.yaml:1:1")
                && lines.get(0).contains("Frobnicator"), () -> "the warning names the kind and where it is\n" + r.describe());
        assertTrue(lines.get(1).startsWith("Error: ") && lines.get(1).contains("no Kubernetes objects to play"),
                () -> "then the error\n" + r.describe());
        assertFalse(r.err().contains("Exception"), r::describe);
    }

    @Test
    void anUnknownKindIsAWarningAndTheRestPlays() {
        Path yaml = h.writeYaml("unknown-and-pod.yaml", """
                apiVersion: example.com/v1
                kind: Frobnicator
                metadata:
                  name: frob
                ---
                """ + PodYaml.pod("besidefrob").container("app", SLEEPER).yaml());
        Result r = h.jpodOk("kube", "play", yaml.toString());
        assertTrue(r.err().contains("WARN[0000] ") && r.err().contains("Frobnicator"), () -> "warned about\n" + r.describe());
        PlayOutput.parse(r);
        h.jpodOk("kube", "down", yaml.toString());
    }

    @Test
    void missingImageIsNamed() {
        Path yaml = h.writeYaml("missing-image.yaml", PodYaml.pod("noimage")
                .container("app", "localhost/no-such-image:1", "sh", "-c", "true").yaml());
        assertMentions(h.jpodError("kube", "play", yaml.toString()), "localhost/no-such-image:1");
    }

    @Test
    void failureHalfwayRemovesWhatThePlayCreated() {
        Path yaml = h.writeYaml("halfway.yaml", PodYaml.pod("halfway")
                .container("first", SLEEPER)
                .container("broken", Harness.IMAGE, "/no/such/binary").yaml());
        assertMentions(h.jpodError("kube", "play", yaml.toString()), "broken");
    }

    @Test
    void failureOnASecondContainersMissingImage() {
        Path yaml = h.writeYaml("halfway-image.yaml", PodYaml.pod("halfimage")
                .container("first", SLEEPER)
                .container("second", "localhost/no-such-image:2", "sh", "-c", "true").yaml());
        assertMentions(h.jpodError("kube", "play", yaml.toString()), "localhost/no-such-image:2");
    }

    @Test
    void playTwiceNeedsReplace() {
        Path yaml = h.writeYaml("twice.yaml", PodYaml.pod("twice").container("app", SLEEPER).yaml());
        PlayOutput first = h.play(yaml);
        assertMentions(h.jpodError("kube", "play", yaml.toString()), "twice");
        assertEquals(first.podId(), text(h.podPs().get(0), "Id"), "the failed play left the pod alone");

        PlayOutput second = h.play(yaml, "--replace");
        assertNotEquals(first.podId(), second.podId(), "--replace makes a new pod");
        assertEquals(1, h.podPs().values().stream().filter(p -> "twice".equals(text(p, "Name"))).count(), "one pod named twice");
        h.waitForState("twice-app", "running", java.time.Duration.ofSeconds(30));
        h.jpodOk("kube", "down", yaml.toString());
    }

    @Test
    void noSuchContainerOrPod() {
        assertMentions(h.jpodError("logs", "nosuch"), "nosuch");
        assertMentions(h.jpodError("exec", "nosuch", "true"), "nosuch");
        assertMentions(h.jpodError("inspect", "nosuch"), "nosuch");
        assertMentions(h.jpodError("stop", "nosuch"), "nosuch");
        assertMentions(h.jpodError("pod", "stop", "nosuch"), "nosuch");
        assertMentions(h.jpodError("pod", "inspect", "nosuch"), "nosuch");
    }

    @Test
    void importOfAMissingTarball() {
        assertMentions(h.jpodError("import", Harness.WORK.resolve("no-such.tar").toString(), "localhost/x:1"), "no-such.tar");
    }

    @Test
    void unknownCommandExits125() {
        Result r = h.jpod("frobnicate");
        assertEquals(125, r.code(), r::describe);
        assertTrue(r.errLines().get(0).startsWith("Error: "), r::describe);
    }
}
