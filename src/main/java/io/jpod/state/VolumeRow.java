package io.jpod.state;

import io.jpod.pod.ClaimSpec;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named volume as stored.
 *
 * @param name        the volume's name (unique)
 * @param driver      "local": its data is a directory of jpod's
 * @param created     when it was created
 * @param labels      its labels ({@code volume create --label}, a PersistentVolumeClaim's labels)
 * @param options     its options ({@code volume create --opt})
 * @param annotations a PersistentVolumeClaim's annotations, kept for {@code kube generate}
 * @param source      where it came from: "" for {@code volume create}, the PVC's file:line:col for kube play
 * @param claim       a PersistentVolumeClaim's spec, kept for {@code kube generate}; {@link ClaimSpec#NONE} else
 */
public record VolumeRow(String name, String driver, Instant created, Map<String, String> labels, Map<String, String> options,
        Map<String, String> annotations, String source, ClaimSpec claim) {
    /** A volume no claim described. */
    public VolumeRow(String name, String driver, Instant created, Map<String, String> labels, Map<String, String> options,
            Map<String, String> annotations, String source) {
        this(name, driver, created, labels, options, annotations, source, ClaimSpec.NONE);
    }

    public VolumeRow {
        claim = claim == null ? ClaimSpec.NONE : claim;
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels == null ? Map.of() : labels));
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options == null ? Map.of() : options));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations == null ? Map.of() : annotations));
        source = source == null ? "" : source;
    }
}
