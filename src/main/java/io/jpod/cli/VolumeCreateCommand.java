package io.jpod.cli;

import io.jpod.error.Choices;
import io.jpod.engine.VolumeService;
import io.jpod.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod volume create [-l KEY=VALUE] [-o KEY=VALUE] [--ignore] NAME}: prints the volume's name. */
@Command(name = "create", description = "Create a new volume.")
public final class VolumeCreateCommand extends EngineCommand {
    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Set a label on the volume (repeatable).")
    List<String> labels = List.of();

    @Option(names = {"-o", "--opt"}, paramLabel = "KEY=VALUE", description = "Set a driver option (kept and shown; the local driver uses none yet).")
    List<String> options = List.of();

    @Option(names = {"-d", "--driver"}, defaultValue = VolumeService.LOCAL, description = "Volume driver: only local.")
    String driver = VolumeService.LOCAL;

    @Option(names = "--ignore", description = "Do not fail if the volume already exists.")
    boolean ignore;

    @Parameters(paramLabel = "NAME", arity = "1")
    String name;

    @Override
    public Integer call() {
        if (!VolumeService.LOCAL.equals(driver)) {
            throw new InvalidInputException("--driver", Choices.unsupported(driver, "volume driver", List.of(VolumeService.LOCAL)));
        }
        Map<String, String> l = pairs(labels, "--label");
        Map<String, String> o = pairs(options, "--opt");
        if (ignore && engine().volumes().exists(name)) {
            out().println(name);
        } else {
            out().println(engine().volumes().create(name, l, o).row().name());
        }
        out().flush();
        return 0;
    }

    /** KEY=VALUE (or KEY, an empty value) pairs, in order. */
    static Map<String, String> pairs(List<String> given, String flag) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : given) {
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq);
            if (key.isEmpty()) {
                throw new InvalidInputException(flag, "\"" + p + "\" is not KEY=VALUE");
            }
            out.put(key, eq < 0 ? "" : p.substring(eq + 1));
        }
        return out;
    }
}
