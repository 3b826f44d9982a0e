package io.jpod.cli;

import io.jpod.cli.format.Output;
import io.jpod.engine.SystemService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod info}: the host, runtime and store jpod uses (podman's layout: host, store, version). */
@Command(name = "info", description = "Display jpod related system information.")
public final class InfoCommand extends EngineCommand {
    @Option(names = {"-f", "--format"}, description = "json, or a Go template (default: YAML-like text).")
    String format;

    @Override
    public Integer call() {
        SystemService.Info i = engine().system().info();
        var h = i.host();
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("arch", System.getProperty("os.arch"));
        host.put("cgroupVersion", i.cgroups().version());
        host.put("cgroupControllers", i.cgroups().controllers());
        host.put("conmon", Map.of("path", h.conmon().toString(), "version", i.conmonVersion()));
        host.put("kernel", i.kernel());
        host.put("ociRuntime", Map.of("name", h.runtime().name(), "path", h.runtime().path().toString(), "version", i.runtimeVersion()));
        host.put("networkBackend", i.network().name());
        host.put("os", "linux");
        Map<String, Object> security = new LinkedHashMap<>();
        security.put("rootless", h.rootless());
        host.put("security", security);
        host.put("uid", h.hostUid());
        host.put("gid", h.hostGid());
        host.put("pauseBinary", h.catatonit().toString());
        host.put("slirp4netns", Map.of("executable", i.network().slirp4netns().executable(), "version", i.network().slirp4netns().version()));
        host.put("pasta", Map.of("executable", i.network().pasta().executable(), "version", i.network().pasta().version()));
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("graphDriverName", h.storage().label());
        store.put("graphRoot", h.paths().dataDir().toString());
        store.put("runRoot", h.paths().runDir().toString());
        store.put("databasePath", h.paths().database().toString());
        store.put("containerStore", Map.of("number", i.containers(), "running", i.running()));
        store.put("podStore", Map.of("number", i.pods()));
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("Version", Version.current());
        version.put("JavaVersion", System.getProperty("java.version"));
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("host", host);
        all.put("store", store);
        all.put("version", version);
        if ("json".equals(format)) {
            Output.printJson(out(), all);
        } else if (format != null) {
            Output.print(out(), format, List.of(all), List.of());
        } else {
            printYaml(all, "");
        }
        out().flush();
        return 0;
    }

    private void printYaml(Map<String, Object> m, String indent) {
        for (var e : m.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> sub) {
                out().println(indent + e.getKey() + ":");
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) sub;
                printYaml(new java.util.TreeMap<>(typed), indent + "  ");
            } else {
                out().println(indent + e.getKey() + ": " + e.getValue());
            }
        }
    }
}
