package io.jpod.cli;

import io.jpod.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jpod completion bash|zsh|fish [-f FILE]}: the shell's completion script, as {@code podman completion}: the
 * commands and options of the whole tree (picocli's script for bash and, through bashcompinit, zsh), and the names of
 * pods, containers, images, volumes and secrets asked of the store as the user types ({@link CompletionScripts}).
 */
@Command(name = "completion", description = "Generate shell autocompletions: bash, zsh or fish.")
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Output the completion to a file rather than stdout.")
    String file;

    @Option(names = "--no-desc", description = "Accepted for podman's sake: the scripts have no descriptions.")
    boolean noDesc;

    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
    String shell;

    @Override
    public Integer call() throws IOException {
        String script = switch (shell) {
            case "bash" -> bash();
            case "zsh" -> CompletionScripts.zsh(bash());
            case "fish" -> CompletionScripts.fish(new TreeMap<>(CommandTree.CHILDREN));
            default -> throw new InvalidInputException("completion", "unsupported shell \"" + shell + "\": must be one of bash, zsh, fish");
        };
        if (file == null) {
            spec.commandLine().getOut().print(script);
            spec.commandLine().getOut().flush();
        } else {
            Files.writeString(Path.of(GlobalOptions.of(spec).invocation().path(file)), script);
        }
        return 0;
    }

    private static String bash() {
        CommandLine whole = new CommandLine(new JpodCommand());
        CommandTree.attachAll(whole);
        return AutoComplete.bash("jpod", whole) + CompletionScripts.bashNames();
    }
}
