package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.engine.PodService.ContainerInfo;
import io.jpod.engine.PodService.PodInfo;
import io.jpod.error.InvalidInputException;
import io.jpod.pod.PodSpec;
import io.jpod.pod.ProcessPlan;
import io.jpod.state.ContainerConfig;
import io.jpod.state.ContainerRow;
import io.jpod.state.ContainerState;
import io.jpod.state.ContainerStatus;
import io.jpod.state.PodRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiltersTest {
    private static int clock;

    private static ContainerInfo ctr(String name, String pod, boolean infra, ContainerState state, Integer exit, Map<String, String> labels) {
        ContainerRow row = new ContainerRow(name + "0123456789abcdef".repeat(4), name, pod + "-id", infra, infra ? null : "12250f8bfa45",
                infra ? null : "localhost/busybox:latest", Instant.EPOCH.plusSeconds(clock++),
                new ContainerConfig(null, new ProcessPlan(List.of("sh"), List.of(), "/", null), List.of(), null, null),
                new ContainerStatus(state, 0, 0, exit, null, null, 0, false));
        return new ContainerInfo(row, pod, state, labels);
    }

    private static final List<ContainerInfo> ALL = List.of(
            ctr("aaa-infra", "web", true, ContainerState.RUNNING, null, Map.of()),
            ctr("web-server", "web", false, ContainerState.RUNNING, null, Map.of("app", "web", "tier", "front")),
            ctr("web-job", "web", false, ContainerState.EXITED, 3, Map.of("app", "web")),
            ctr("db-main", "db", false, ContainerState.EXITED, 0, Map.of("app", "db")));

    private static List<String> names(String... filters) {
        return Filters.containers().apply(List.of(filters), ALL).stream().map(c -> c.row().name()).toList();
    }

    @Test
    void oneKeysValuesAreAlternativesAndKeysCombine() {
        assertEquals(List.of("web-server", "db-main"), names("name=server", "name=^db"));
        assertEquals(List.of("web-job"), names("name=web-", "status=exited"));
        assertEquals(List.of(), names("name=nothing"));
        assertEquals(ALL.size(), names().size(), "no filter keeps everything");
    }

    @Test
    void labelsMustAllMatchAndMayNameAValue() {
        assertEquals(List.of("web-server", "web-job"), names("label=app=web"));
        assertEquals(List.of("web-server"), names("label=app=web", "label=tier"));
        assertEquals(List.of("aaa-infra", "web-job", "db-main"), names("label!=tier"));
    }

    @Test
    void exitCodesPodsAncestorsAndIds() {
        assertEquals(List.of("web-job"), names("exited=3"));
        assertEquals(List.of("db-main"), names("exited=0"));
        assertEquals(List.of("db-main"), names("pod=db"));
        assertEquals(List.of("web-server", "web-job", "db-main"), names("ancestor=busybox"));
        assertEquals(List.of("web-server", "web-job", "db-main"), names("ancestor=localhost/busybox:latest"));
        assertEquals(List.of("web-server", "web-job", "db-main"), names("ancestor=12250f8"));
        assertEquals(List.of(), names("ancestor=alpine"));
        assertEquals(List.of("web-job"), names("id=web-job01"));
    }

    @Test
    void beforeAndSinceNameAnotherContainer() {
        assertEquals(List.of("aaa-infra", "web-server"), names("before=web-job"));
        assertEquals(List.of("db-main"), names("since=web-job"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> names("before=nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void badFiltersAreErrorsThatSayWhatIsValid() {
        InvalidInputException key = assertThrows(InvalidInputException.class, () -> names("bogus=1"));
        assertEquals("--filter bogus=1: \"bogus\" is an invalid container filter (valid: id, name, label, label!, exited, status, "
                + "ancestor, pod, before, since)", key.getMessage());
        assertEquals("--filter status=nope: unsupported status \"nope\": must be one of created, initialized, running, stopped, stopping, "
                + "exited, paused, removing, unknown", assertThrows(InvalidInputException.class, () -> names("status=nope")).getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> names("exited=x")).getMessage().contains("not a number"));
        assertTrue(assertThrows(InvalidInputException.class, () -> names("name=[")).getMessage().contains("regular expression"));
        assertTrue(assertThrows(InvalidInputException.class, () -> names("name")).getMessage().contains("needs a value"));
    }

    @Test
    void podsFilterOnTheirContainersToo() {
        PodSpec spec = PodSpec.builder("web").labels(Map.of("app", "web")).build();
        PodInfo web = new PodInfo(new PodRow("web-id", "web", Instant.EPOCH, spec, null), ALL.subList(0, 3), "Degraded");
        PodSpec dbSpec = PodSpec.builder("db").build();
        PodInfo db = new PodInfo(new PodRow("db-id", "db", Instant.EPOCH.plusSeconds(9), dbSpec, null), ALL.subList(3, 4), "Exited");
        List<PodInfo> pods = new ArrayList<>(List.of(web, db));
        assertEquals(List.of(web), Filters.pods().apply(List.of("status=degraded"), pods));
        assertEquals(List.of(web), Filters.pods().apply(List.of("ctr-number=2"), pods));
        assertEquals(List.of(db), Filters.pods().apply(List.of("ctr-names=main"), pods));
        assertEquals(List.of(web), Filters.pods().apply(List.of("ctr-status=running", "label=app"), pods));
        assertEquals(List.of(db), Filters.pods().apply(List.of("since=web"), pods));
        assertThrows(InvalidInputException.class, () -> Filters.pods().apply(List.of("status=sleeping"), pods));
    }

    private static io.jpod.image.Image image(String id, int created, String... names) {
        return new io.jpod.image.Image(id + "0".repeat(64 - id.length()), List.of(names), null, Instant.EPOCH.plusSeconds(created), 1,
                io.jpod.image.ImageConfig.empty(Instant.EPOCH, "linux", "amd64"), List.of(), List.of());
    }

    @Test
    void imagesByReferenceDanglingAndAge() {
        var busybox = image("aa", 1, "localhost/busybox:latest");
        var app = image("bb", 2, "docker.io/library/app:v2", "127.0.0.1:5000/team/app:v2");
        var dangling = image("cc", 3);
        List<io.jpod.image.Image> all = List.of(busybox, app, dangling);
        assertEquals(List.of(busybox), Filters.images().apply(List.of("reference=busybox"), all));
        assertEquals(List.of(app), Filters.images().apply(List.of("reference=app:*"), all));
        assertEquals(List.of(app), Filters.images().apply(List.of("reference=127.0.0.1:5000/team/*"), all));
        assertEquals(List.of(dangling), Filters.images().apply(List.of("dangling=true"), all));
        assertEquals(List.of(busybox, app), Filters.images().apply(List.of("dangling=false"), all));
        assertEquals(List.of(busybox), Filters.images().apply(List.of("before=app:v2"), all));
        assertEquals(List.of(app, dangling), Filters.images().apply(List.of("since=busybox"), all));
        assertEquals(List.of(app), Filters.images().apply(List.of("id=bb"), all));
        assertThrows(InvalidInputException.class, () -> Filters.images().apply(List.of("dangling=maybe"), all));
    }
}
