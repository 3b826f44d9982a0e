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

    private static ContainerSpec container(List<String> command, List<String> args, List<EnvVar> env, String workingDir) {
        return ContainerSpec.builder("app", "example/app:1").command(command).args(args).env(env).workingDir(workingDir).build();
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
        ProcessPlan p = plan(container(List.of(), List.of(), List.of(), null), IMAGE);
        assertEquals(List.of("/entrypoint.sh", "serve", "--port=80"), p.args());
    }

    @Test
    void commandReplacesEntrypointAndDropsCmd() {
        ProcessPlan p = plan(container(List.of("/bin/sh", "-c"), List.of(), List.of(), null), IMAGE);
        assertEquals(List.of("/bin/sh", "-c"), p.args());
    }

    @Test
    void commandAndArgsReplaceBoth() {
        ProcessPlan p = plan(container(List.of("/bin/sh", "-c"), List.of("echo hi"), List.of(), null), IMAGE);
        assertEquals(List.of("/bin/sh", "-c", "echo hi"), p.args());
    }

    @Test
    void argsAloneReplaceCmdAndKeepEntrypoint() {
        ProcessPlan p = plan(container(List.of(), List.of("worker", "-v"), List.of(), null), IMAGE);
        assertEquals(List.of("/entrypoint.sh", "worker", "-v"), p.args());
    }

    @Test
    void argsAloneWithoutEntrypointAreTheCommand() {
        ImageDefaults cmdOnly = new ImageDefaults(List.of(), List.of("sh"), List.of(), null, null);
        assertEquals(List.of("echo", "x"), plan(container(List.of(), List.of("echo", "x"), List.of(), null), cmdOnly).args());
        assertEquals(List.of("sh"), plan(container(List.of(), List.of(), List.of(), null), cmdOnly).args());
    }

    @Test
    void nothingToRunIsAnError() {
        ContainerSpec c = container(List.of(), List.of(), List.of(), null);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> plan(c, ImageDefaults.NONE));
        assertEquals("container app: no command: the pod gives no command or args and image example/app:1 has no ENTRYPOINT or CMD",
                e.getMessage());
    }

    @Test
    void envMergesImageThenContainerWithPathFirst() {
        ContainerSpec c = container(List.of("x"), List.of(), List.of(new EnvVar("LANG", "en_US.UTF-8"), new EnvVar("MODE", "prod")),
                null);
        ProcessPlan p = plan(c, IMAGE);
        assertEquals(List.of("PATH=/opt/bin:/usr/bin", "LANG=en_US.UTF-8", "HOSTNAME=webhost", "container=jpod", "MODE=prod"),
                p.env());
    }

    @Test
    void pathDefaultsWhenTheImageHasNone() {
        ProcessPlan p = plan(container(List.of("x"), List.of(), List.of(), null), ImageDefaults.NONE);
        assertEquals(ProcessPlan.DEFAULT_PATH, env(p, "PATH"));
        assertEquals("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", env(p, "PATH"));
    }

    @Test
    void containerEnvOverridesPath() {
        ProcessPlan p = plan(container(List.of("x"), List.of(), List.of(new EnvVar("PATH", "/only")), null), IMAGE);
        assertEquals("/only", env(p, "PATH"));
        assertEquals(1, p.env().stream().filter(e -> e.startsWith("PATH=")).count());
    }

    @Test
    void hostnameIsThePodsEvenIfTheImageSetsOne() {
        ImageDefaults img = new ImageDefaults(List.of("x"), List.of(), List.of("HOSTNAME=fromimage"), null, null);
        assertEquals("webhost", env(plan(container(List.of(), List.of(), List.of(), null), img), "HOSTNAME"));
        ContainerSpec own = container(List.of(), List.of(), List.of(new EnvVar("HOSTNAME", "mine")), null);
        assertEquals("mine", env(plan(own, img), "HOSTNAME"), "the container's env has the last word");
    }

    @Test
    void imageEnvWithoutEqualsIsEmpty() {
        ImageDefaults img = new ImageDefaults(List.of("x"), List.of(), List.of("BARE", "EQ=a=b"), null, null);
        ProcessPlan p = plan(container(List.of(), List.of(), List.of(), null), img);
        assertEquals("", env(p, "BARE"));
        assertEquals("a=b", env(p, "EQ"));
    }

    @Test
    void commandAndArgsExpandVariables() {
        ContainerSpec c = container(List.of("/bin/echo", "$(MODE)"), List.of("$(NOPE)", "$$(MODE)", "at $(HOSTNAME)", "$(LANG)"),
                List.of(new EnvVar("MODE", "prod")), null);
        assertEquals(List.of("/bin/echo", "prod", "$(NOPE)", "$(MODE)", "at webhost", "C.UTF-8"), plan(c, IMAGE).args());
    }

    @Test
    void imageArgvIsExpandedToo() {
        ImageDefaults img = new ImageDefaults(List.of("run"), List.of("$(MODE)"), List.of(), null, null);
        ContainerSpec c = container(List.of(), List.of(), List.of(new EnvVar("MODE", "m")), null);
        assertEquals(List.of("run", "m"), plan(c, img).args());
    }

    @Test
    void envValuesExpandEarlierVariablesOnly() {
        ContainerSpec c = container(List.of("x"), List.of(), List.of(
                new EnvVar("A", "1"),
                new EnvVar("B", "$(A)-two"),
                new EnvVar("C", "$(D)"),
                new EnvVar("D", "4"),
                new EnvVar("E", "$$(A) $(B)"),
                new EnvVar("F", "$(LANG)")), null);
        ProcessPlan p = plan(c, IMAGE);
        assertEquals("1-two", env(p, "B"));
        assertEquals("$(D)", env(p, "C"));
        assertEquals("$(A) 1-two", env(p, "E"));
        assertEquals("C.UTF-8", env(p, "F"));
    }

    @Test
    void workingDirPrecedence() {
        assertEquals("/work", plan(container(List.of("x"), List.of(), List.of(), "/work"), IMAGE).workingDir());
        assertEquals("/app", plan(container(List.of("x"), List.of(), List.of(), null), IMAGE).workingDir());
        assertEquals("/", plan(container(List.of("x"), List.of(), List.of(), null), ImageDefaults.NONE).workingDir());
        ImageDefaults emptyWd = new ImageDefaults(List.of("x"), List.of(), List.of(), "", null);
        assertEquals("/", plan(container(List.of(), List.of(), List.of(), null), emptyWd).workingDir());
    }

    @Test
    void userIsTheImages() {
        ImageDefaults img = new ImageDefaults(List.of("x"), List.of(), List.of(), null, "1000:1000");
        assertEquals("1000:1000", plan(container(List.of(), List.of(), List.of(), null), img).user());
        ImageDefaults named = new ImageDefaults(List.of("x"), List.of(), List.of(), null, "nginx");
        assertEquals("nginx", plan(container(List.of(), List.of(), List.of(), null), named).user());
        ImageDefaults empty = new ImageDefaults(List.of("x"), List.of(), List.of(), null, "");
        assertNull(plan(container(List.of(), List.of(), List.of(), null), empty).user());
        assertNull(plan(container(List.of(), List.of(), List.of(), null), IMAGE).user());
    }

    @Test
    void planIsImmutable() {
        ProcessPlan p = plan(container(List.of("x"), List.of(), List.of(), null), IMAGE);
        assertThrows(UnsupportedOperationException.class, () -> p.args().add("y"));
        assertThrows(UnsupportedOperationException.class, () -> p.env().add("Y=1"));
    }

    @Test
    void secretValuesReachTheProcessButAreHiddenWhenShown() {
        ContainerSpec c = container(List.of("x"), List.of(), List.of(
                new EnvVar("USER_NAME", "admin"),
                new EnvVar("PASSWORD", "hunter2", true),
                new EnvVar("DSN", "db://$(USER_NAME):$(PASSWORD)@db"),
                new EnvVar("PLAIN", "$(USER_NAME)")), null);
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
        ContainerSpec c = container(List.of("x"), List.of(), List.of(
                new EnvVar("TOKEN", "s3cr3t", true), new EnvVar("TOKEN", "public")), null);
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
        ContainerSpec c = container(List.of("login", "--user=$(USER_NAME)", "--password=$(PASSWORD)"), List.of(),
                List.of(new EnvVar("USER_NAME", "admin"), new EnvVar("PASSWORD", "hunter2", true)), null);
        ProcessPlan p = plan(c, IMAGE);
        assertEquals(List.of("login", "--user=admin", "--password=hunter2"), p.args(), "the process gets the value");
        assertEquals(List.of("login", "--user=admin", "--password=<secret>"), p.argsShown());
        ProcessPlan plain = plan(container(List.of("login", "--user=$(USER_NAME)"), List.of(),
                List.of(new EnvVar("USER_NAME", "admin")), null), IMAGE);
        assertNull(plain.shownArgs(), "nothing kept twice when nothing is hidden");
        assertEquals(plain.args(), plain.argsShown());
    }
}
