package io.jpod.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.kubelet.KubeContainerStatus.Role;
import io.jpod.kubelet.StartOrder.Progress;
import io.jpod.kubelet.StartOrder.Slot;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartOrderTest {
    private static Slot init(String n, Progress p) {
        return new Slot(n, Role.INIT, p);
    }

    private static Slot app(String n, Progress p) {
        return new Slot(n, Role.APP, p);
    }

    @Test
    void withoutInitContainersEveryAppStartsAtOnce() {
        assertEquals(List.of("a", "b"), StartOrder.next(List.of(app("a", Progress.NOT_STARTED), app("b", Progress.NOT_STARTED))));
    }

    @Test
    void initContainersRunOneAtATimeInOrder() {
        List<Slot> fresh = List.of(init("i1", Progress.NOT_STARTED), init("i2", Progress.NOT_STARTED), app("a", Progress.NOT_STARTED));
        assertEquals(List.of("i1"), StartOrder.next(fresh));
        assertEquals(List.of(), StartOrder.next(List.of(init("i1", Progress.RUNNING), init("i2", Progress.NOT_STARTED),
                app("a", Progress.NOT_STARTED))), "the next waits for the running one to complete");
        assertEquals(List.of("i2"), StartOrder.next(List.of(init("i1", Progress.SUCCEEDED), init("i2", Progress.NOT_STARTED),
                app("a", Progress.NOT_STARTED))));
        List<Slot> done = List.of(init("i1", Progress.SUCCEEDED), init("i2", Progress.SUCCEEDED), app("a", Progress.NOT_STARTED));
        assertEquals(List.of("a"), StartOrder.next(done));
        assertTrue(StartOrder.initialized(done));
    }

    @Test
    void aFailedOrBackingOffInitContainerBlocksThePod() {
        for (Progress p : List.of(Progress.FAILED, Progress.BACKING_OFF)) {
            List<Slot> slots = List.of(init("i1", p), init("i2", Progress.NOT_STARTED), app("a", Progress.NOT_STARTED));
            assertEquals(List.of(), StartOrder.next(slots), p.name());
            assertFalse(StartOrder.initialized(slots));
        }
    }

    @Test
    void aSidecarStartsInOrderAndKeepsRunningBesideTheApps() {
        Slot sidecar = new Slot("proxy", Role.SIDECAR, Progress.NOT_STARTED);
        assertEquals(List.of("proxy"), StartOrder.next(List.of(sidecar, init("i1", Progress.NOT_STARTED), app("a", Progress.NOT_STARTED))));
        Slot running = new Slot("proxy", Role.SIDECAR, Progress.RUNNING);
        assertEquals(List.of("i1"), StartOrder.next(List.of(running, init("i1", Progress.NOT_STARTED), app("a", Progress.NOT_STARTED))));
        assertEquals(List.of("a"), StartOrder.next(List.of(running, init("i1", Progress.SUCCEEDED), app("a", Progress.NOT_STARTED))));
    }

    @Test
    void appsAlreadyRunningOrBackingOffAreNotStartedAgain() {
        assertEquals(List.of("c"), StartOrder.next(List.of(app("a", Progress.RUNNING), app("b", Progress.BACKING_OFF),
                app("c", Progress.NOT_STARTED), app("d", Progress.SUCCEEDED))));
    }
}
