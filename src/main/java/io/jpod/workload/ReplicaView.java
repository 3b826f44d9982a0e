package io.jpod.workload;

import java.time.Instant;

/**
 * A pod of a workload as its controller sees it, read from the store each time.
 *
 * @param name         the pod's name
 * @param templateHash the hash of the template it was made from
 * @param index        a Job's completion index (Indexed Jobs), else null
 * @param phase        where it is
 * @param created      when it was created
 * @param readySince   when it became ready (every container running and ready), or null when it is not ready now
 * @param finished     when it ended (phase SUCCEEDED or FAILED), else null
 * @param restarts     how many times its containers were started again (a Job with OnFailure counts them as failures)
 */
public record ReplicaView(String name, String templateHash, Integer index, Phase phase, Instant created, Instant readySince,
        Instant finished, int restarts) {

    /** Where a pod is, as the controllers count it. */
    public enum Phase {
        /** created, not (yet) running: starting, held (a hostPort taken), or in its init containers */
        PENDING,
        /** its app containers run (or restart, as their restartPolicy says) */
        RUNNING,
        /** every app container ended with 0 and none starts again */
        SUCCEEDED,
        /** an app container ended non-zero and none starts again */
        FAILED,
        /** its infra container died, or the user stopped it: it is removed and, where the workload wants it, replaced */
        GONE
    }

    /** Whether it is active: pending or running. */
    public boolean active() {
        return phase == Phase.PENDING || phase == Phase.RUNNING;
    }

    /** Whether it is available at {@code now}: ready for at least {@code minReadySeconds}. */
    public boolean available(Instant now, int minReadySeconds) {
        return phase == Phase.RUNNING && readySince != null && !readySince.plusSeconds(minReadySeconds).isAfter(now);
    }
}
