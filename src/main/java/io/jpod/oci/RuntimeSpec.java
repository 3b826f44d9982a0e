package io.jpod.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The OCI runtime spec (config.json), the subset jpod writes. Plain data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeSpec(String ociVersion, Process process, Root root, String hostname, List<Mount> mounts, Linux linux,
        Map<String, String> annotations) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Process(boolean terminal, User user, List<String> args, List<String> env, String cwd,
            Capabilities capabilities, boolean noNewPrivileges) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record User(long uid, long gid, List<Long> additionalGids) {
    }

    public record Capabilities(List<String> bounding, List<String> effective, List<String> permitted) {
    }

    public record Root(String path, boolean readonly) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mount(String destination, String type, String source, List<String> options) {
        public static Mount bind(String source, String destination, boolean readOnly) {
            return new Mount(destination, "bind", source, readOnly ? List.of("rbind", "ro") : List.of("rbind", "rw"));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Namespace(String type, String path) {
        public static Namespace create(String type) {
            return new Namespace(type, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Linux(List<Namespace> namespaces, String cgroupsPath, List<String> maskedPaths, List<String> readonlyPaths) {
    }
}
