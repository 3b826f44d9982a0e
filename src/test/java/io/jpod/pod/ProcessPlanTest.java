package io.jpod.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessPlanTest {
    private static final ImageDefaults IMAGE = new ImageDefaults(List.of("/entrypoint.sh"), List.of("serve", "--port=80"),
            List.of("PATH=/opt/bin:/usr/bin", "LANG=C.UTF-8"), "/app", null);

    private static PodSpec pod(ContainerSpec c) {
        return PodSpec.builder("web").hostname("webhost").containers(c).build();
    }

    private static ContainerSpec.Builder app() {
        return ContainerSpec.builder("app", "example/app:1");
    }

    private static ProcessPlan plan(ContainerSpec c, ImageDefaults image) {
        return ProcessPlan.of(pod(c), c, image);
    }

    private static String env(ProcessPlan p, String name) {
        return p.env().stream().filter(e -> e.startsWith(name + "=")).map(e -> e.substring(name.length() + 1)).findFirst()
                .orElse(null);
    }

    @Test
    void neitherCommandNorArgsRunsEntrypointAndCmd() {
        ProcessPlan p = plan(app().build(), IMAGE);
        assertEquals(List.of("/entrypoint.sh", "serve", "--port=80"), p.args());
    }

    @Test
    void commandReplacesEntrypointAndDropsCmd() {
        ProcessPlan p = plan(app().command("/bin/sh", "-c").build(), IMAGE);
        assertEquals(List.of("/bin/sh", "-c"), p.args());
    }

    @Test
    void commandAndArgsReplaceBoth() {
        ProcessPlan p = plan(app().command("/bin/sh", "-c").args("echo hi").build(), IMAGE);
        assertEquals(List.of("/bin/sh", "-c", "echo hi"), p.args());
    }

    @Test
    void argsAloneReplaceCmdAndKeepEntrypoint() {
        ProcessPlan p = plan(app().args("worker", "-v").build(), IMAGE);
        assertEquals(List.of("/entrypoint.sh", "worker", "-v"), p.args());
    }

    @Test
    void argsAloneWithoutEntrypointAreTheCommand() {
        ImageDefaults cmdOnly = new ImageDefaults(List.of(), List.of("sh"), List.of(), null, null);
        assertEquals(List.of("echo", "x"), plan(app().args("echo", "x").build(), cmdOnly).args());
        assertEquals(List.of("sh"), plan(app().build(), cmdOnly).args());
    }

    @Test
    void nothingToRunIsAnError() {
        ContainerSpec c = app().build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> plan(c, ImageDefaults.NONE));
        assertEquals("container app: no command: the pod gives no command or args and image example/app:1 has no ENTRYPOINT or CMD",
                e.getMessage());
    }

    @Test
    void envMergesImageThenContainerWithPathFirst() {
        ContainerSpec c = app().command("x").env(new EnvVar("LANG", "en_US.UTF-8"), new EnvVar("MODE", "prod")).build();
        ProcessPlan p = plan(c, IMAGE);
        assertEquals(List.of("PATH=/opt/bin:/usr/bin", "LANG=en_US.UTF-8", "HOSTNAME=webhost", "container=jpod", "MODE=prod"),
                p.env());
    }

    @Test
    void pathDefaultsWhenTheImageHasNone() {
        ProcessPlan p = plan(app().command("x").build(), ImageDefaults.NONE);
        assertEquals(ProcessPlan.DEFAULT_PATH, env(p, "PATH"));
        assertEquals("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", env(p, "PATH"));
    }

    @Test
    void containerEnvOverridesPath() {
        ProcessPlan p = plan(app().command("x").env(new EnvVar("PATH", "/only")).build(), IMAGE);
        assertEquals("/only", env(p, "PATH"));
        assertEquals(1, p.env().stream().filter(e -> e.startsWith("PATH=")).count());
    }

    @Test
    void hostnameIsThePodsEvenIfTheImageSetsOne() {
        ImageDefaults img = new ImageDefaults(List.of("x"), List.of(), List.of("HOSTNAME=fromimage"), null, null);
        assertEquals("webhost", env(plan(app().build(), img), "HOSTNAME"));
        ContainerSpec own = app().env(new EnvVar("HOSTNAME", "mine")).build();
        assertEquals("mine", env(plan(own, img), "HOSTNAME"), "the container's env has the last word");
    }

    @Test
    void imageEnvWithoutEqualsIsEmpty() {
        ImageDefaults img = new ImageDefaults(List.of("x"), List.of(), List.of("BARE", "EQ=a=b"), null, null);
        ProcessPlan p = plan(app().build(), img);
        assertEquals("", env(p, "BARE"));
        assertEquals("a=b", env(p, "EQ"));
    }

    @Test
    void commandAndArgsExpandVariables() {
        ContainerSpec c = app().command("/bin/echo", "$(MODE)").args("$(NOPE)", "$$(MODE)", "at $(HOSTNAME)", "$(LANG)")
                .env(new EnvVar("MODE", "prod")).build();
        assertEquals(List.of("/bin/echo", "prod", "$(NOPE)", "$(MODE)", "at webhost", "C.UTF-8"), plan(c, IMAGE).args());
    }

    @Test
    void imageArgvIsExpandedToo() {
        ImageDefaults img = new ImageDefaults(List.of("run"), List.of("$(MODE)"), List.of(), null, null);
        ContainerSpec c = app().env(new EnvVar("MODE", "m")).build();
        assertEquals(List.of("run", "m"), plan(c, img).args());
    }

    @Test
    void envValuesExpandEarlierVariablesOnly() {
        ContainerSpec c = app().command("x").env(
                new EnvVar("A", "1"),
                new EnvVar("B", "$(A)-two"),
                new EnvVar("C", "$(D)"),
                new EnvVar("D", "4"),
                new EnvVar("E", "$$(A) $(B)"),
                new EnvVar("F", "$(LANG)")).build();
        ProcessPlan p = plan(c, IMAGE);
        assertEquals("1-two", env(p, "B"));
        assertEquals("$(D)", env(p, "C"));
        assertEquals("$(A) 1-two", env(p, "E"));
        assertEquals("C.UTF-8", env(p, "F"));
    }

    @Test
    void workingDirPrecedence() {
        assertEquals("/work", plan(app().command("x").workingDir("/work").build(), IMAGE).workingDir());
        assertEquals("/app", plan(app().command("x").build(), IMAGE).workingDir());
        assertEquals("/", plan(app().command("x").build(), ImageDefaults.NONE).workingDir());
        ImageDefaults emptyWd = new ImageDefaults(List.of("x"), List.of(), List.of(), "", null);
        assertEquals("/", plan(app().build(), emptyWd).workingDir());
    }

    @Test
    void userIsTheImages() {
        ImageDefaults img = new ImageDefaults(List.of("x"), List.of(), List.of(), null, "1000:1000");
        assertEquals("1000:1000", plan(app().build(), img).user());
        ImageDefaults named = new ImageDefaults(List.of("x"), List.of(), List.of(), null, "nginx");
        assertEquals("nginx", plan(app().build(), named).user());
        ImageDefaults empty = new ImageDefaults(List.of("x"), List.of(), List.of(), null, "");
        assertNull(plan(app().build(), empty).user());
        assertNull(plan(app().build(), IMAGE).user());
    }

    @Test
    void planIsImmutable() {
        ProcessPlan p = plan(app().command("x").build(), IMAGE);
        assertThrows(UnsupportedOperationException.class, () -> p.args().add("y"));
        assertThrows(UnsupportedOperationException.class, () -> p.env().add("Y=1"));
    }

    @Test
    void secretValuesReachTheProcessButAreHiddenWhenShown() {
        ContainerSpec c = app().command("x").env(
                new EnvVar("USER_NAME", "admin"),
                new EnvVar("PASSWORD", "hunter2", true),
                new EnvVar("DSN", "db://$(USER_NAME):$(PASSWORD)@db"),
                new EnvVar("PLAIN", "$(USER_NAME)")).build();
        ProcessPlan p = plan(c, IMAGE);
        assertEquals("hunter2", env(p, "PASSWORD"), "the container gets the value");
        assertEquals("db://admin:hunter2@db", env(p, "DSN"));
        assertEquals(List.of("PASSWORD", "DSN"), p.secretEnv(), "a value built from a Secret is secret too");
        assertTrue(p.shownEnv().contains("PASSWORD=<secret>"), () -> p.shownEnv().toString());
        assertTrue(p.shownEnv().contains("DSN=<secret>"), () -> p.shownEnv().toString());
        assertTrue(p.shownEnv().contains("PLAIN=admin"), () -> p.shownEnv().toString());
        assertFalse(p.shownEnv().toString().contains("hunter2"), () -> p.shownEnv().toString());
    }

    @Test
    void aPlainValueOverridingASecretOneIsNoLongerHidden() {
        ContainerSpec c = app().command("x").env(new EnvVar("TOKEN", "s3cr3t", true), new EnvVar("TOKEN", "public")).build();
        ProcessPlan p = plan(c, IMAGE);
        assertEquals(List.of(), p.secretEnv());
        assertTrue(p.shownEnv().contains("TOKEN=public"));
    }

    @Test
    void aPlanStoredBeforeSecretsWereTrackedHidesNothing() {
        ProcessPlan p = new ProcessPlan(List.of("x"), List.of("A=1"), "/", null, null, null);
        assertEquals(List.of(), p.secretEnv());
        assertEquals(List.of("x"), p.argsShown());
        assertEquals(List.of("A=1"), p.shownEnv());
    }

    @Test
    void aSecretExpandedIntoTheCommandIsHiddenWhenShown() {
        ContainerSpec c = app().command("login", "--user=$(USER_NAME)", "--password=$(PASSWORD)")
                .env(new EnvVar("USER_NAME", "admin"), new EnvVar("PASSWORD", "hunter2", true)).build();
        ProcessPlan p = plan(c, IMAGE);
        assertEquals(List.of("login", "--user=admin", "--password=hunter2"), p.args(), "the process gets the value");
        assertEquals(List.of("login", "--user=admin", "--password=<secret>"), p.argsShown());
        ProcessPlan plain = plan(app().command("login", "--user=$(USER_NAME)").env(new EnvVar("USER_NAME", "admin")).build(), IMAGE);
        assertNull(plain.shownArgs(), "nothing kept twice when nothing is hidden");
        assertEquals(plain.args(), plain.argsShown());
    }
}
