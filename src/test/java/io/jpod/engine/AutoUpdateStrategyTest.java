package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Workload;
import io.jpod.pod.Workload.IntOrPercent;
import io.jpod.pod.Workload.Strategy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How an auto-update's rollout replaces a workload's pods (Workloads.autoUpdateStrategy). */
class AutoUpdateStrategyTest {
    private static Workload workload(Workload.Kind kind, Strategy s) {
        return new Workload(kind, "web", null, Map.of(), Map.of(),
                PodSpec.builder("web").containers(ContainerSpec.builder("app", "example.org/app:1").build()).build(), "abc", 8, s, 0, null);
    }

    @Test
    void aDeploymentsRollingUpdateGoesOneReplicaAtATimeWhateverItsCounts() {
        Strategy wide = new Strategy(Strategy.Type.ROLLING_UPDATE, IntOrPercent.percent(50), IntOrPercent.percent(50));
        assertEquals(new Strategy(Strategy.Type.ROLLING_UPDATE, IntOrPercent.of(1), IntOrPercent.of(0)),
                Workloads.autoUpdateStrategy(workload(Workload.Kind.DEPLOYMENT, wide)));
        assertEquals(new Strategy(Strategy.Type.ROLLING_UPDATE, IntOrPercent.of(1), IntOrPercent.of(0)),
                Workloads.autoUpdateStrategy(workload(Workload.Kind.DEPLOYMENT, Strategy.DEPLOYMENT_DEFAULT)));
    }

    @Test
    void recreateStaysAndADaemonSetsOnDeleteIsReplacedForTheUser() {
        Strategy recreate = new Strategy(Strategy.Type.RECREATE, null, null);
        assertEquals(recreate, Workloads.autoUpdateStrategy(workload(Workload.Kind.DEPLOYMENT, recreate)));
        assertEquals(Strategy.DAEMONSET_DEFAULT, Workloads.autoUpdateStrategy(workload(Workload.Kind.DAEMONSET,
                new Strategy(Strategy.Type.ON_DELETE, null, null))));
        assertEquals(Strategy.DAEMONSET_DEFAULT, Workloads.autoUpdateStrategy(workload(Workload.Kind.DAEMONSET, Strategy.DAEMONSET_DEFAULT)));
    }
}
