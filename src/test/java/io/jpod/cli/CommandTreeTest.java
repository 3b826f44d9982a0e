package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class CommandTreeTest {
    private static CommandLine built(String... args) {
        return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
    }

    /** Every path of the tree, with the names picocli gives it (name and aliases). */
    private static Map<String, List<String>> paths(CommandLine cl, String prefix, Map<String, List<String>> into) {
        for (var e : cl.getSubcommands().entrySet()) {
            CommandLine sub = e.getValue();
            String path = prefix.isEmpty() ? sub.getCommandName() : prefix + " " + sub.getCommandName();
            into.computeIfAbsent(path, k -> new ArrayList<>()).add(e.getKey());
            paths(sub, path, into);
        }
        return into;
    }

    @Test
    void eachCommandIsNamedAsItsAnnotationSays() {
        CommandTree.CHILDREN.forEach((group, children) -> {
            for (String child : children) {
                String path = group.isEmpty() ? child : group + " " + child;
                Object command = CommandTree.create(path);
                assertNotNull(command, path);
                Command annotation = command.getClass().getAnnotation(Command.class);
                assertEquals(child, annotation.name(), path);
                for (String alias : annotation.aliases()) {
                    String aliasPath = group.isEmpty() ? alias : group + " " + alias;
                    assertEquals(path, CommandTree.ALIASES.get(aliasPath), "alias " + aliasPath + " is in CommandTree.ALIASES");
                }
            }
        });
        CommandTree.ALIASES.forEach((alias, path) -> {
            Command annotation = CommandTree.create(path).getClass().getAnnotation(Command.class);
            assertTrue(List.of(annotation.aliases()).contains(alias.substring(alias.lastIndexOf(' ') + 1)), alias + " is an alias of " + path);
        });
    }

    @Test
    void aCommandLineBuildsOnlyThePathItNames() {
        Map<String, List<String>> paths = paths(built("--log-level", "debug", "pod", "ls", "--format", "json"), "", new TreeMap<>());
        assertEquals(List.of("pod", "pod ps"), List.copyOf(paths.keySet()));
        assertEquals(List.of("list", "ls", "ps"), paths.get("pod ps").stream().sorted().toList());
        assertEquals(List.of("ps"), List.copyOf(paths(built("ps", "-a"), "", new TreeMap<>()).keySet()));
        assertEquals(List.of("container", "container cleanup"),
                List.copyOf(paths(built("--runtime=runc", "container", "cleanup", "abc"), "", new TreeMap<>()).keySet()));
    }

    @Test
    void anUnclearPathBuildsTheWholeLevel() {
        Map<String, List<String>> whole = paths(built((String[]) null), "", new TreeMap<>());
        assertEquals(whole.keySet(), paths(built("--help"), "", new TreeMap<>()).keySet());
        assertEquals(whole.keySet(), paths(built("help", "pod"), "", new TreeMap<>()).keySet());
        assertEquals(whole.keySet(), paths(built("nosuch"), "", new TreeMap<>()).keySet());
        assertEquals(List.of("volume", "volume create", "volume exists", "volume inspect", "volume ls", "volume prune", "volume rm"),
                List.copyOf(paths(built("volume", "--help"), "", new TreeMap<>()).keySet()));
        assertTrue(whole.containsKey("kube play") && whole.containsKey("generate kube") && whole.containsKey("system warm-up"));
    }

    @Test
    void theVerbsRunAsBefore() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"version"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err::toString);
        assertTrue(out.toString().startsWith("Version:"), out::toString);
        StringWriter helpOut = new StringWriter();
        assertEquals(0, Main.run(new String[] {"--help"}, new PrintWriter(helpOut, true), new PrintWriter(new StringWriter(), true)));
        assertTrue(helpOut.toString().contains("kube") && helpOut.toString().contains("volume"), helpOut::toString);
        StringWriter usageErr = new StringWriter();
        assertEquals(125, Main.run(new String[] {"pod"}, new PrintWriter(new StringWriter(), true), new PrintWriter(usageErr, true)));
        assertTrue(usageErr.toString().contains("missing command"), usageErr::toString);
    }

    @Test
    void anUnknownVerbIsAnErrorEvenWithHelp() {
        for (String[] args : List.of(new String[] {"nosuch", "--help"}, new String[] {"nosuch"}, new String[] {"--log-level", "debug", "nosuch"},
                new String[] {"pod", "nosuch", "--help"})) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertEquals(125, Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true)), () -> String.join(" ", args));
            assertTrue(err.toString().startsWith("Error: unrecognized command `jpod " + (args[0].equals("pod") ? "pod " : "") + "nosuch`\nTry 'jpod "
                    + (args[0].equals("pod") ? "pod " : "") + "--help' for more information\n"),
                    err::toString);
            assertEquals("", out.toString(), "no help printed");
        }
        assertEquals(0, Main.run(new String[] {"pod", "ps", "--help"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true)), "a known verb's help");
    }
}
