package io.jpod.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * jpod's command tree, built only as far as one command line needs it.
 *
 * <p>picocli builds the model of a command by reflecting over its annotations; doing that for
 * every one of jpod's commands took about 240 ms of every start, though a command line names one
 * of them. So the tree is kept here as data ({@link #CHILDREN}, {@link #create}), and
 * {@link #attach} adds to the top-level command only the commands on the path the arguments name:
 * {@code jpod pod ps} builds {@code pod} and {@code pod ps}. When the path is not clear (no verb,
 * an unknown word, {@code help}, an option picocli must judge), every child of that level is added,
 * so that help and picocli's own errors read as with the whole tree.
 */
final class CommandTree {
    /** The subcommands of each group command, by the group's path ("" is jpod itself), in help order. */
    static final Map<String, List<String>> CHILDREN = Map.ofEntries(
            Map.entry("", List.of("kube", "generate", "pod", "container", "ps", "start", "stop", "restart", "kill", "wait", "pause", "unpause",
                    "rm", "rename", "inspect", "logs", "top", "stats", "exec", "port", "cp", "diff", "events", "images", "image", "history",
                    "volume", "network", "secret", "import", "load", "save", "pull", "push", "login", "logout", "tag", "untag", "rmi",
                    "auto-update", "info", "system", "completion", "version", "help")),
            Map.entry("auto-update", List.of("schedule", "history")),
            Map.entry("auto-update schedule", List.of("set", "show", "clear")),
            Map.entry("kube", List.of("play", "down", "validate", "generate", "ps", "scale")),
            Map.entry("generate", List.of("kube")),
            Map.entry("pod", List.of("ps", "start", "stop", "restart", "kill", "pause", "unpause", "rm", "inspect", "logs", "top", "stats",
                    "exists")),
            Map.entry("container", List.of("ps", "start", "stop", "restart", "kill", "wait", "pause", "unpause", "rm", "rename", "inspect",
                    "logs", "top", "stats", "exec", "cp", "diff", "exists", "cleanup")),
            Map.entry("image", List.of("ls", "rm", "prune", "tag", "untag", "import", "load", "save", "pull", "push", "inspect", "history", "exists")),
            Map.entry("volume", List.of("create", "ls", "inspect", "rm", "prune", "exists")),
            Map.entry("network", List.of("create", "ls", "inspect", "rm", "prune", "exists")),
            Map.entry("secret", List.of("create", "ls", "inspect", "rm", "exists")),
            Map.entry("system", List.of("df", "prune", "reset", "info", "warm-up", "supervise")));

    /** Other names of commands (picocli's aliases, from the commands' annotations), by path. */
    static final Map<String, String> ALIASES = Map.of(
            "pod ls", "pod ps", "pod list", "pod ps", "kube ls", "kube ps", "kube list", "kube ps",
            "image list", "image ls",
            "volume list", "volume ls", "volume remove", "volume rm", "network list", "network ls", "secret list", "secret ls", "network remove", "network rm");

    /** Global options that take a value as the next argument (see {@link GlobalOptions}). */
    private static final List<String> VALUED_GLOBALS = List.of("--log-level", "--runtime", "--storage-driver", "--network-backend");

    private CommandTree() {
    }

    /** A new instance of the command at {@code path} ("pod ps"), or null when there is none. */
    static Object create(String path) {
        return switch (path) {
            case "kube" -> new KubeCommand();
            case "kube play" -> new KubePlayCommand();
            case "kube down" -> new KubeDownCommand();
            case "kube validate" -> new KubeValidateCommand();
            case "kube generate" -> new KubeGenerateCommand();
            case "kube ps" -> new KubePsCommand();
            case "kube scale" -> new KubeScaleCommand();
            case "generate" -> new GenerateCommand();
            case "generate kube" -> new GenerateCommand.Kube();
            case "pod" -> new PodCommand();
            case "pod ps" -> new PodPsCommand();
            case "pod start" -> new PodStartCommand();
            case "pod stop" -> new PodStopCommand();
            case "pod restart" -> new PodRestartCommand();
            case "pod kill" -> new PodKillCommand();
            case "pod exists" -> new PodExistsCommand();
            case "pod pause" -> new PodPauseCommand();
            case "pod unpause" -> new PodUnpauseCommand();
            case "pod logs" -> new PodLogsCommand();
            case "pod top" -> new PodTopCommand();
            case "pod stats" -> new PodStatsCommand();
            case "pod rm" -> new PodRmCommand();
            case "pod inspect" -> new PodInspectCommand();
            case "container" -> new ContainerCommand();
            case "ps", "container ps" -> new PsCommand();
            case "start", "container start" -> new StartCommand();
            case "stop", "container stop" -> new StopCommand();
            case "restart", "container restart" -> new RestartCommand();
            case "kill", "container kill" -> new KillCommand();
            case "wait", "container wait" -> new WaitCommand();
            case "pause", "container pause" -> new PauseCommand();
            case "unpause", "container unpause" -> new UnpauseCommand();
            case "rename", "container rename" -> new RenameCommand();
            case "top", "container top" -> new TopCommand();
            case "stats", "container stats" -> new StatsCommand();
            case "container exists" -> new ContainerExistsCommand();
            case "rm", "container rm" -> new RmCommand();
            case "inspect", "container inspect" -> new InspectCommand();
            case "logs", "container logs" -> new LogsCommand();
            case "exec", "container exec" -> new ExecCommand();
            case "container cleanup" -> new ContainerCleanupCommand();
            case "cp", "container cp" -> new CpCommand();
            case "diff", "container diff" -> new DiffCommand();
            case "history", "image history" -> new HistoryCommand();
            case "secret" -> new SecretCommand();
            case "secret create" -> new SecretCreateCommand();
            case "secret ls" -> new SecretLsCommand();
            case "secret inspect" -> new SecretInspectCommand();
            case "secret rm" -> new SecretRmCommand();
            case "secret exists" -> new SecretExistsCommand();
            case "system df" -> new SystemDfCommand();
            case "system prune" -> new SystemPruneCommand();
            case "completion" -> new CompletionCommand();
            case "port" -> new PortCommand();
            case "events" -> new EventsCommand();
            case "images" -> new ImagesCommand();
            case "image" -> new ImageCommand();
            case "image ls" -> new ImageLsCommand();
            case "image rm" -> new ImageRmCommand();
            case "image prune" -> new ImagePruneCommand();
            case "tag", "image tag" -> new TagCommand();
            case "untag", "image untag" -> new UntagCommand();
            case "import", "image import" -> new ImportCommand();
            case "load", "image load" -> new LoadCommand();
            case "save", "image save" -> new SaveCommand();
            case "pull", "image pull" -> new PullCommand();
            case "push", "image push" -> new PushCommand();
            case "image inspect" -> new ImageInspectCommand();
            case "image exists" -> new ImageExistsCommand();
            case "volume" -> new VolumeCommand();
            case "volume create" -> new VolumeCreateCommand();
            case "volume ls" -> new VolumeLsCommand();
            case "volume inspect" -> new VolumeInspectCommand();
            case "volume rm" -> new VolumeRmCommand();
            case "volume prune" -> new VolumePruneCommand();
            case "volume exists" -> new VolumeExistsCommand();
            case "network" -> new NetworkCommand();
            case "network create" -> new NetworkCreateCommand();
            case "network ls" -> new NetworkLsCommand();
            case "network rm" -> new NetworkRmCommand();
            case "network prune" -> new NetworkPruneCommand();
            case "network inspect" -> new NetworkInspectCommand();
            case "network exists" -> new NetworkExistsCommand();
            case "login" -> new LoginCommand();
            case "logout" -> new LogoutCommand();
            case "rmi" -> new RmiCommand();
            case "info", "system info" -> new InfoCommand();
            case "system" -> new SystemCommand();
            case "system reset" -> new SystemResetCommand();
            case "system warm-up" -> new SystemWarmUpCommand();
            case "system supervise" -> new SystemSuperviseCommand();
            case "auto-update" -> new AutoUpdateCommand();
            case "auto-update history" -> new AutoUpdateHistoryCommand();
            case "auto-update schedule" -> new AutoUpdateScheduleCommand();
            case "auto-update schedule set" -> new AutoUpdateScheduleCommand.Set();
            case "auto-update schedule show" -> new AutoUpdateScheduleCommand.Show();
            case "auto-update schedule clear" -> new AutoUpdateScheduleCommand.Clear();
            case "version" -> new VersionCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> null;
        };
    }

    /**
     * Adds to {@code root} (jpod's top-level command line) the commands that {@code args} name, or
     * every command of a level whose choice is not clear from them.
     */
    static void attach(CommandLine root, String[] args) {
        int i = skipGlobalOptions(args, 0);
        String verb = i < args.length ? canonical("", args[i]) : null;
        if (verb == null || verb.equals("help")) {
            addAll(root, "", true);
            return;
        }
        CommandLine group = add(root, "", verb);
        if (!CHILDREN.containsKey(verb)) {
            return;
        }
        int j = skipGlobalOptions(args, i + 1);
        String sub = j < args.length ? canonical(verb, args[j]) : null;
        if (sub == null) {
            addAll(group, verb, false);
        } else {
            CommandLine added = add(group, verb, sub);
            if (CHILDREN.containsKey(join(verb, sub))) {
                addAll(added, join(verb, sub), true);
            }
        }
    }

    /**
     * The command path a word of {@code args} fails to name ({@code "jpod nosuch"}, {@code "jpod pod nosuch"}), or null:
     * picocli would print help for {@code jpod nosuch --help} and exit 0, and a script could not tell that the verb is
     * missing (podman answers "unrecognized command", 125).
     */
    static String unknownCommand(String[] args) {
        int i = skipGlobalOptions(args, 0);
        if (i >= args.length || args[i].startsWith("-")) {
            return null;
        }
        String verb = canonical("", args[i]);
        if (verb == null) {
            return "jpod " + args[i];
        }
        if (!CHILDREN.containsKey(verb)) {
            return null;
        }
        int j = skipGlobalOptions(args, i + 1);
        if (j >= args.length || args[j].startsWith("-") || canonical(verb, args[j]) != null) {
            return null;
        }
        return "jpod " + verb + " " + args[j];
    }

    /** The whole tree (help, completion, tests). */
    static void attachAll(CommandLine root) {
        addAll(root, "", true);
    }

    private static void addAll(CommandLine parent, String path, boolean deep) {
        for (String child : CHILDREN.get(path)) {
            CommandLine added = add(parent, path, child);
            String childPath = join(path, child);
            if (deep && CHILDREN.containsKey(childPath)) {
                addAll(added, childPath, true);
            }
        }
    }

    private static CommandLine add(CommandLine parent, String path, String name) {
        CommandLine child = new CommandLine(create(join(path, name)));
        parent.addSubcommand(child);
        return child;
    }

    /** The canonical name of {@code word} among the children of {@code path}, or null when it names none. */
    static String canonical(String path, String word) {
        List<String> children = CHILDREN.get(path);
        if (children.contains(word)) {
            return word;
        }
        String target = ALIASES.get(join(path, word));
        return target == null ? null : target.substring(target.lastIndexOf(' ') + 1);
    }

    /** The index of the first argument from {@code from} that is not a global option or its value. */
    private static int skipGlobalOptions(String[] args, int from) {
        int i = from;
        while (i < args.length) {
            if (VALUED_GLOBALS.contains(args[i])) {
                i += 2;
            } else if (args[i].startsWith("--") && args[i].contains("=")
                    && VALUED_GLOBALS.contains(args[i].substring(0, args[i].indexOf('=')))) {
                i++;
            } else {
                return i;
            }
        }
        return i;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + " " + name;
    }
}
