package io.jpod.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parts of jpod's completion scripts that picocli does not write: the names of pods, containers, images, volumes
 * and secrets, asked of the store when the user presses TAB ({@code jpod ps -a --format '{{.Names}}'}…), for the
 * commands that take them; and fish's script, from the command tree.
 */
final class CompletionScripts {
    /** The command that lists each kind's names, one a line. */
    static final Map<String, String> LISTERS = new LinkedHashMap<>();
    /** Which kind of name each command path takes. */
    static final Map<String, String> KIND_BY_COMMAND = new LinkedHashMap<>();

    static {
        LISTERS.put("pod", "jpod pod ps --format '{{.Name}}'");
        LISTERS.put("container", "jpod ps -a --format '{{.Names}}'");
        LISTERS.put("image", "jpod images --format '{{.Repository}}:{{.Tag}}'");
        LISTERS.put("volume", "jpod volume ls -q");
        LISTERS.put("secret", "jpod secret ls --format '{{.Name}}'");
        for (String c : List.of("start", "stop", "restart", "kill", "wait", "rm", "inspect", "logs", "exec", "port", "diff",
                "pause", "unpause", "rename", "top", "stats", "exists")) {
            KIND_BY_COMMAND.put("container " + c, "container");
            if (!c.equals("exists")) {
                KIND_BY_COMMAND.put(c, "container");
            }
        }
        for (String c : List.of("start", "stop", "restart", "kill", "rm", "inspect", "exists", "logs", "top", "stats", "pause", "unpause")) {
            KIND_BY_COMMAND.put("pod " + c, "pod");
        }
        KIND_BY_COMMAND.put("kube generate", "pod");
        KIND_BY_COMMAND.put("generate kube", "pod");
        for (String c : List.of("rm", "tag", "untag", "push", "save", "inspect", "exists", "history")) {
            KIND_BY_COMMAND.put("image " + c, "image");
        }
        for (String c : List.of("rmi", "tag", "untag", "push", "save", "history")) {
            KIND_BY_COMMAND.put(c, "image");
        }
        for (String c : List.of("inspect", "rm", "exists")) {
            KIND_BY_COMMAND.put("volume " + c, "volume");
            KIND_BY_COMMAND.put("secret " + c, "secret");
        }
    }

    private CompletionScripts() {
    }

    /** What bash (and zsh through bashcompinit) adds to picocli's script: the names, after picocli's candidates. */
    static String bashNames() {
        StringBuilder b = new StringBuilder("\n# jpod: names of pods, containers, images, volumes and secrets, from the store\n");
        b.append("_jpod_names() {\n  case \"$1\" in\n");
        LISTERS.forEach((kind, lister) -> b.append("    ").append(kind).append(") ").append(lister).append(" 2>/dev/null ;;\n"));
        b.append("  esac\n}\n");
        b.append("_jpod_kind() {\n  case \"$1\" in\n");
        Map<String, List<String>> byKind = byKind();
        byKind.forEach((kind, paths) -> b.append("    ").append(paths.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining("|")))
                .append(") echo ").append(kind).append(" ;;\n"));
        b.append("  esac\n}\n");
        b.append("""
                _jpod_complete() {
                  _complete_jpod "$@"
                  local cur="${COMP_WORDS[COMP_CWORD]}" w words=() kind=""
                  case "$cur" in -*) return 0 ;; esac
                  for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
                    case "$w" in -*) ;; *) words+=("$w") ;; esac
                  done
                  [ "${#words[@]}" -ge 2 ] && kind=$(_jpod_kind "${words[0]} ${words[1]}")
                  [ -z "$kind" ] && [ "${#words[@]}" -ge 1 ] && kind=$(_jpod_kind "${words[0]}")
                  [ -n "$kind" ] || return 0
                  local IFS=$'\\n'
                  COMPREPLY+=( $(compgen -W "$(_jpod_names "$kind")" -- "$cur") )
                }
                complete -F _jpod_complete -o default jpod
                """);
        return b.toString();
    }

    /** zsh's script: bash's, read through bashcompinit (picocli's script sets it up). */
    static String zsh(String bash) {
        return "#compdef jpod\n# jpod completion for zsh, through bashcompinit\n" + bash;
    }

    /** fish's script: the verbs of each group from {@code children} (the command tree), and the names as for bash. */
    static String fish(Map<String, List<String>> children) {
        StringBuilder b = new StringBuilder("# jpod completion for fish\n");
        b.append("""
                function __jpod_words
                    set -l words (commandline -opc)
                    set -e words[1]
                    for w in $words
                        string match -q -- '-*' $w; or echo $w
                    end
                end
                function __jpod_path_is
                    set -l words (__jpod_words)
                    test (count $words) -eq (count $argv); and test "$words" = "$argv"
                end
                function __jpod_kind_is
                    set -l words (__jpod_words)
                    set -l kind $argv[1]
                    set -l two "$words[1] $words[2]"
                    switch $kind
                """);
        byKind().forEach((kind, paths) -> {
            b.append("        case ").append(kind).append("\n            contains -- \"$two\" ")
                    .append(paths.stream().filter(p -> p.contains(" ")).map(p -> "'" + p + "'").collect(Collectors.joining(" ")))
                    .append("; and return 0\n            contains -- \"$words[1]\" ")
                    .append(paths.stream().filter(p -> !p.contains(" ")).map(p -> "'" + p + "'").collect(Collectors.joining(" ")))
                    .append(" ''; and test (count $words) -ge 1; and return 0\n");
        });
        b.append("    end\n    return 1\nend\ncomplete -c jpod -f\n");
        children.forEach((path, subs) -> b.append("complete -c jpod -n '__jpod_path_is").append(path.isEmpty() ? "" : " " + path)
                .append("' -a '").append(String.join(" ", subs)).append("'\n"));
        LISTERS.forEach((kind, lister) -> b.append("complete -c jpod -n '__jpod_kind_is ").append(kind).append("' -a \"(")
                .append(lister.replace("'", "\\'")).append(" 2>/dev/null)\"\n"));
        return b.toString();
    }

    private static Map<String, List<String>> byKind() {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        KIND_BY_COMMAND.forEach((path, kind) -> byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(path));
        return byKind;
    }
}
