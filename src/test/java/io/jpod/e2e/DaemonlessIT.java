package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * No daemon: once a command returns no jpod process runs but the optional command service (which ends when idle),
 * and killing every one, the service too, leaves the containers running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonlessIT {
    private static final String TICKER = "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo tick $i; sleep 1 & wait $!; done";
    private static Harness h;
    private static Path yaml;

    @BeforeAll
    static void setUp() {
        h = Harness.forClass();
        h.importBusybox();
        yaml = h.writeYaml("daemonless.yaml", PodYaml.pod("daemonless").container("ticker", TICKER).yaml());
        h.play(yaml);
        h.waitForState("daemonless-ticker", "running", Duration.ofSeconds(30));
    }

    @AfterAll
    static void tearDown() {
        h.cleanUp();
    }

    private static List<HostProcess> jpodProcesses() {
        return h.leftovers().stream()
                .filter(p -> !p.comm().equals("conmon")) // conmon's own arguments name jpod: its exit command
                .filter(p -> p.comm().equals("java") || p.args().contains("jpod.jar") || p.args().contains("bin/jpod"))
                .toList();
    }

    private static String describe(List<HostProcess> procs) {
        return procs.stream().map(HostProcess::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    @Test
    @Order(1)
    void noJpodProcessRunsAfterPlayReturns() {
        List<HostProcess> left = jpodProcesses();
        assertTrue(left.isEmpty(), () -> "jpod is daemonless, yet these run after kube play returned:" + describe(left));
    }

    @Test
    @Order(2)
    void containersOutliveKillingEveryJpodProcess() {
        List<HostProcess> before = h.leftovers();
        assertTrue(before.stream().anyMatch(p -> p.comm().equals("conmon")), () -> "conmon monitors the containers:" + describe(before));
        List<HostProcess> killed = new java.util.ArrayList<>(jpodProcesses());
        h.commandService().ifPresent(killed::add);
        for (HostProcess p : killed) {
            ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
        int ticks = Harness.count(h.jpodOk("logs", "daemonless-ticker").out(), "tick ");
        Harness.waitFor("the ticker to go on logging", Duration.ofSeconds(20),
                () -> Harness.count(h.jpodOk("logs", "daemonless-ticker").out(), "tick ") >= ticks + 2);
        assertEquals("running", h.state("daemonless-ticker"), "ps still works and shows it running");
        assertEquals("daemonless", h.execOut("daemonless-ticker", "hostname"));
    }

    @Test
    @Order(3)
    void kubeDownStillCleansUpEverything() {
        h.jpodOk("kube", "down", yaml.toString());
        assertEquals(0, h.psAll().size(), "no containers left");
        h.assertNothingLeft("after kube down");
    }
}
