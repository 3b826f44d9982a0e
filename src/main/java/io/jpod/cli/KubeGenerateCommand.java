package io.jpod.cli;

import io.jpod.engine.KubeService;
import io.jpod.error.ConflictException;
import io.jpod.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod kube generate [-f FILE] [--service] [--type TYPE] [--replicas N] POD|CONTAINER|VOLUME...}:
 * Kubernetes YAML of pods as they were played and of named volumes, on standard output or into a new file.
 */
@Command(name = "generate", description = "Generate Kubernetes YAML based on pods or containers.")
public class KubeGenerateCommand extends EngineCommand {
    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "Write the YAML to this file (which must not exist) instead of standard output.")
    String file;

    @Option(names = {"-s", "--service"}, description = "Generate a Service for each pod as well.")
    boolean service;

    @Option(names = "--service-type", paramLabel = "TYPE",
            description = "The type of the Services generated with --service: clusterip (default) or nodeport.")
    String serviceType;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE",
            description = "What each pod is written as: pod, deployment, daemonset or job (default: pod, and a Deployment's, "
                    + "DaemonSet's or Job's pod as its workload, as played).")
    String type;

    @Option(names = {"-r", "--replicas"}, paramLabel = "N", description = "The replicas of a Deployment (default: 1).")
    Integer replicas;

    @Parameters(paramLabel = "POD|CONTAINER|VOLUME", arity = "1..*",
            description = "Pods, containers (their pod is generated), by name or id, or volumes (a PersistentVolumeClaim each).")
    List<String> names;

    @Override
    public Integer call() {
        Path target = file == null ? null : Path.of(invocation().path(file));
        if (target != null && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw exists(file);
        }
        String yaml = engine().kube().generate(names, new KubeService.GenerateOptions(type, service, replicas, serviceType),
                "jpod " + Version.current(), Instant.now());
        if (target == null) {
            out().print(yaml);
            out().flush();
            return 0;
        }
        try {
            // CREATE_NEW: a file that appeared meanwhile is not overwritten either
            Files.writeString(target, yaml, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw exists(file);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot write: " + e.getMessage());
        }
        return 0;
    }

    private static ConflictException exists(String file) {
        return new ConflictException(file, "cannot write to \"" + file + "\": file exists");
    }
}
