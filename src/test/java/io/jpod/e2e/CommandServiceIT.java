package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.json.JsonMapper;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The command service (bin/jpod starts it; cli.CommandServer): the user's commands go through it and answer as a
 * jpod process of their own does, with the user's working directory and standard input; killing it touches no
 * container and the next command starts another; a reset ends it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandServiceIT {
    private static final String SLEEPER = "trap 'exit 0' TERM; echo up; while true; do sleep 1 & wait $!; done";
    private static Harness h;
    private static String yaml;

    @BeforeAll
    static void setUp() {
        h = Harness.forClass();
        h.importBusybox();
        yaml = PodYaml.pod("served").container("app", SLEEPER).yaml();
        h.writeYaml("served.yaml", yaml);
    }

    @AfterAll
    static void tearDown() {
        h.cleanUp();
    }

    private static HostProcess service() {
        Harness.waitFor("the command service to run", Duration.ofSeconds(20), () -> h.commandService().isPresent());
        return h.commandService().orElseThrow();
    }

    @Test
    @Order(1)
    void servedCommandsReadTheUsersDirectoryAndInputAndAnswerAsJpodAloneDoes() throws Exception {
        h.jpodOk("ps"); // starts the service, if none runs
        service();
        // a relative file name, from the user's working directory (the harness runs commands in its work directory)
        Result played = h.jpodOk("--log-level", "debug", "kube", "play", "served.yaml");
        assertTrue(played.err().contains("served by the command service"), played::describe);
        h.waitForState("served-app", "running", Duration.ofSeconds(30));
        Result served = h.jpodOk("pod", "ps", "--format", "json");
        Result alone = h.jpodWithoutService("pod", "ps", "--format", "json");
        assertEquals(0, alone.code(), alone::describe);
        JsonMapper json = JsonMapper.shared();
        assertEquals(json.readTree(alone.out()), json.readTree(served.out()), "the same listing, served or not");
        // the Java client (where no C compiler built the native one) is served by the same service
        Result javaClient = h.jpodWithVariable("JPOD_CLIENT=java", "--log-level", "debug", "pod", "ps", "--format", "json");
        assertEquals(0, javaClient.code(), javaClient::describe);
        assertTrue(javaClient.err().contains("served by the command service"), javaClient::describe);
        assertEquals(json.readTree(alone.out()), json.readTree(javaClient.out()), "the same listing through the Java client");
        Result missing = h.jpodError("inspect", "no-such-container");
        assertTrue(missing.err().startsWith("Error: no container with name or ID \"no-such-container\""), missing::describe);
        // standard input, read only by a command that reads it
        Result down = h.jpodWith(Duration.ofSeconds(60), yaml, "--log-level", "debug", "kube", "down", "-");
        assertEquals(0, down.code(), down::describe);
        assertTrue(down.err().contains("served by the command service"), down::describe);
        assertEquals(0, h.psAll().size(), "kube down - removed the pod");
    }

    @Test
    @Order(2)
    void killingTheServiceTouchesNoContainerAndTheNextCommandStartsAnother() {
        h.jpodOk("kube", "play", "served.yaml");
        h.waitForState("served-app", "running", Duration.ofSeconds(30));
        HostProcess first = service();
        ProcessHandle.of(first.pid()).ifPresent(ProcessHandle::destroyForcibly);
        Harness.waitFor("the service to be gone", Duration.ofSeconds(10), () -> ProcessHandle.of(first.pid()).isEmpty());
        assertEquals("running", h.state("served-app"), "the container runs on: conmon owns it");
        HostProcess second = service();
        assertNotEquals(first.pid(), second.pid());
        assertEquals("up", h.jpodOk("logs", "served-app").out().trim());
        h.jpodOk("kube", "down", "served.yaml");
    }

    @Test
    @Order(3)
    void aResetEndsTheService() {
        HostProcess running = service();
        h.cleanUp(); // jpod system reset -f
        Harness.waitFor("the service to end after the reset", Duration.ofSeconds(10), () -> ProcessHandle.of(running.pid()).isEmpty());
        h.importBusybox();
    }
}
