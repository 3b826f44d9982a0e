package io.jpod.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * jpod's man pages, in roff, made from the command model at build time (pom.xml runs {@link #main} into
 * {@code target/man}; scripts/setup.sh installs them): one page per command, named as podman's are
 * ({@code jpod-kube-play.1}), with its synopsis, description, options, subcommands and related pages.
 */
public final class ManPages {
    private ManPages() {
    }

    /** Writes every page into the directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/man");
        Files.createDirectories(dir);
        for (Map.Entry<String, String> page : pages(Version.current()).entrySet()) {
            Files.writeString(dir.resolve(page.getKey()), page.getValue());
        }
    }

    /** Every command's page, by file name ({@code jpod.1}, {@code jpod-kube-play.1}…), in the tree's order. */
    static Map<String, String> pages(String version) {
        CommandLine root = new CommandLine(new JpodCommand());
        CommandTree.attachAll(root);
        Map<String, String> pages = new LinkedHashMap<>();
        collect(root, version, pages);
        return pages;
    }

    private static void collect(CommandLine cmd, String version, Map<String, String> pages) {
        if (cmd.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
            return;
        }
        pages.put(fileName(cmd.getCommandSpec()), page(cmd.getCommandSpec(), version));
        for (CommandLine sub : new ArrayList<>(new java.util.LinkedHashSet<>(cmd.getSubcommands().values()))) {
            collect(sub, version, pages);
        }
    }

    /** {@code jpod-kube-play.1}. */
    static String fileName(CommandSpec spec) {
        return pageName(spec) + ".1";
    }

    private static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    static String page(CommandSpec spec, String version) {
        StringBuilder b = new StringBuilder();
        String name = pageName(spec);
        b.append(".TH \"").append(name.toUpperCase(Locale.ROOT)).append("\" \"1\" \"\" \"jpod ").append(version)
                .append("\" \"jpod Manual\"\n");
        b.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(description(spec))).append('\n');
        b.append(".SH SYNOPSIS\n").append(".B ").append(escape(spec.qualifiedName())).append('\n');
        List<String> synopsis = new ArrayList<>();
        if (!spec.options().isEmpty()) {
            synopsis.add("[\\fIOPTIONS\\fR]");
        }
        if (!spec.subcommands().isEmpty()) {
            synopsis.add("\\fICOMMAND\\fR");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            String label = escape(p.paramLabel()) + (p.arity().max() > 1 ? "..." : "");
            synopsis.add(p.arity().min() == 0 ? "[\\fI" + label + "\\fR]" : "\\fI" + label + "\\fR");
        }
        b.append(String.join(" ", synopsis)).append('\n');
        b.append(".SH DESCRIPTION\n").append(escape(description(spec))).append('\n');
        if (!spec.options().isEmpty()) {
            b.append(".SH OPTIONS\n");
            for (OptionSpec o : spec.options()) {
                b.append(".TP\n").append(optionNames(o)).append('\n').append(escape(String.join(" ", o.description()))).append('\n');
            }
        }
        if (!spec.subcommands().isEmpty()) {
            b.append(".SH COMMANDS\n");
            for (CommandLine sub : new java.util.LinkedHashSet<>(spec.subcommands().values())) {
                if (sub.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
                    continue;
                }
                b.append(".TP\n\\fB").append(escape(pageName(sub.getCommandSpec()))).append("(1)\\fR\n")
                        .append(escape(description(sub.getCommandSpec()))).append('\n');
            }
        }
        b.append(".SH SEE ALSO\n");
        b.append(spec.parent() == null ? "\\fBpodman\\fR(1)" : "\\fB" + escape(pageName(spec.parent())) + "\\fR(1)").append('\n');
        return b.toString();
    }

    private static String description(CommandSpec spec) {
        String[] d = spec.usageMessage().description();
        return (d.length == 0 ? spec.name() : String.join(" ", d)).replace('\n', ' ');
    }

    private static String optionNames(OptionSpec o) {
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
            names.add("\\fB" + escape(n) + "\\fR");
        }
        String value = o.typeInfo().isBoolean() || o.arity().max() == 0 ? "" : "=\\fI" + escape(o.paramLabel()) + "\\fR";
        return String.join(", ", names) + value;
    }

    /** Text made safe for roff: backslashes, hyphens, and a line's leading dot or quote. */
    static String escape(String s) {
        String e = s.replace("\\", "\\e").replace("-", "\\-");
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }
}
