package io.jpod.cli;

import io.jpod.kube.Plan;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod kube validate FILE...}: the checks of {@code kube play} alone. Warnings go to standard
 * error; every problem is listed there, one "file:line:col: path: message" a line, and the exit
 * code is 125; 0 when the files would play.
 */
@Command(name = "validate", description = "Check Kubernetes YAML as kube play would, creating nothing.")
public final class KubeValidateCommand extends EngineCommand {
    @Option(names = "--configmap", split = ",", paramLabel = "FILE",
            description = "A YAML file of ConfigMaps the pods may take their environment from (repeatable).")
    List<String> configMaps = List.of();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Kubernetes YAML files, or - for standard input.")
    List<String> files;

    @Override
    public Integer call() {
        Plan plan = engine().kube().plan(files, configMaps, invocation().inputs(), false);
        plan.warnings().forEach(engine().events()::warning);
        plan.problems().forEach(err()::println);
        err().flush();
        return plan.valid() ? 0 : ErrorReporter.ENGINE_ERROR;
    }
}
