package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.state.EventRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EventsCommandTest {
    private static final Instant T = Instant.parse("2026-12-06T12:00:00.123456789Z");
    private static final String ID = "1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d1a2b";
    private static final EventRow DIED = new EventRow(7, T, EventRow.Type.CONTAINER, "died", ID, "web-app",
            "docker.io/library/busybox:latest", "pod9", Map.of("exitCode", "137"));

    private static String print(String format, EventRow e) {
        StringWriter out = new StringWriter();
        EventsCommand.printer(new PrintWriter(out), format, true, ZoneOffset.UTC).accept(e);
        return out.toString();
    }

    @Test
    void theDefaultLineIsPodmans() {
        assertEquals("2026-12-06 12:00:00.123456789 +0000 UTC container died " + ID
                + " (image=docker.io/library/busybox:latest, name=web-app, pod_id=pod9, exitCode=137)\n", print(null, DIED));
        EventRow pod = EventRow.of(T, EventRow.Type.POD, "start", "p1", "web", null, null, Map.of());
        assertEquals("2026-12-06 12:00:00.123456789 +0000 UTC pod start p1 (image=, name=web)", EventsCommand.human(pod, true,
                ZoneOffset.UTC));
        EventRow image = EventRow.of(T, EventRow.Type.IMAGE, "pull", "abc", "busybox", null, null, Map.of());
        assertEquals("2026-12-06 12:00:00.123456789 +0000 UTC image pull abc busybox", EventsCommand.human(image, true, ZoneOffset.UTC));
        assertTrue(EventsCommand.human(DIED, false, ZoneOffset.UTC).contains(" died 1a2b3c4d5e6f ("), "--no-trunc=false: a short id");
    }

    @Test
    void jsonIsOneObjectALineWithPodmansFields() {
        String line = print("json", DIED);
        assertEquals("{\"ContainerExitCode\":137,\"ID\":\"" + ID + "\",\"Image\":\"docker.io/library/busybox:latest\",\"Name\":\"web-app\","
                + "\"PodID\":\"pod9\",\"Status\":\"died\",\"Time\":" + T.getEpochSecond() + ",\"TimeNano\":" + T.getEpochSecond()
                + "123456789,\"Type\":\"container\",\"Attributes\":{\"exitCode\":\"137\"}}\n", line);
        EventRow pod = EventRow.of(T, EventRow.Type.POD, "create", "p1", "web", null, null, Map.of());
        String podLine = print("{{json .}}", pod);
        assertFalse(podLine.contains("Image") || podLine.contains("ContainerExitCode") || podLine.contains("Attributes"), podLine);
    }

    @Test
    void aGoTemplateSeesPodmansFields() {
        assertEquals("died web-app 137\n", print("{{.Status}} {{.Name}} {{.ContainerExitCode}}", DIED));
        assertEquals("2026-12-06 12:00:00.123456789 +0000 UTC container\tpod9\n", print("{{.Time}} {{.Type}}\\t{{.PodID}}", DIED));
    }

    @Test
    void streamIsOnUnlessSetFalse() {
        EventsCommand on = CommandLine.populateCommand(new EventsCommand());
        assertTrue(on.stream);
        EventsCommand off = CommandLine.populateCommand(new EventsCommand(), "--stream=false", "-f", "type=container",
                "--filter", "event=start", "--since", "10m", "--format", "json");
        assertFalse(off.stream);
        assertEquals(java.util.List.of("type=container", "event=start"), off.filters);
        assertEquals("10m", off.since);
        assertTrue(CommandLine.populateCommand(new EventsCommand(), "--stream").stream);
    }
}
