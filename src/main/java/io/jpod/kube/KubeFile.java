package io.jpod.kube;

import java.util.List;

/**
 * One file given to a play, as read: its documents, or why it could not be read.
 *
 * @param name           the file as the user gave it ("-" for standard input)
 * @param configMapsOnly whether it is a {@code --configmap} file, which may hold ConfigMaps only
 * @param documents      its documents in order; none when it could not be read
 * @param problem        why it could not be read ("file:line:col: message"), or null
 */
public record KubeFile(String name, boolean configMapsOnly, List<KubeDocument> documents, String problem) {
    public KubeFile {
        documents = List.copyOf(documents);
    }

    /** A file read. */
    public static KubeFile of(String name, boolean configMapsOnly, List<KubeDocument> documents) {
        return new KubeFile(name, configMapsOnly, documents, null);
    }

    /** A file that could not be read (or parsed), and why. */
    public static KubeFile unreadable(String name, boolean configMapsOnly, String problem) {
        return new KubeFile(name, configMapsOnly, List.of(), problem);
    }
}
