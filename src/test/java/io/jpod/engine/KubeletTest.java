package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeletTest {
    /** A kubelet of no store: what is tested here reaches none. */
    private static Kubelet kubelet(List<String> launcher, List<String> warnings) {
        return new Kubelet(null, null, null, null, null, launcher, Path.of("/nonexistent-run"), warnings::add, null, () -> false);
    }

    @Test
    void withoutTheLauncherAStartSaysOnceThatExitsAreNotHandled() {
        List<String> warnings = new ArrayList<>();
        Kubelet k = kubelet(List.of(), warnings);
        k.warnIfWithoutLauncher();
        k.warnIfWithoutLauncher();
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("containers' exits are not handled (restartPolicy, cleanup)"), warnings.get(0));

        List<String> none = new ArrayList<>();
        kubelet(List.of("/opt/jpod/bin/jpod"), none).warnIfWithoutLauncher();
        assertEquals(List.of(), none, "with the launcher nothing is said");
    }
}
