package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CompletionScriptsTest {
    @Test
    void bashAsksTheStoreForNamesOfTheCommandsThatTakeThem() {
        String s = CompletionScripts.bashNames();
        assertTrue(s.contains("pod) jpod pod ps --format '{{.Name}}'"), s);
        assertTrue(s.contains("container) jpod ps -a --format '{{.Names}}'"), s);
        assertTrue(s.contains("\"pod rm\""), s);
        assertTrue(s.contains("complete -F _jpod_complete -o default jpod"), s);
    }

    @Test
    void everyKindACommandTakesHasALister() {
        for (Map.Entry<String, String> e : CompletionScripts.KIND_BY_COMMAND.entrySet()) {
            assertTrue(CompletionScripts.LISTERS.containsKey(e.getValue()), e::toString);
        }
    }

    @Test
    void fishHasTheVerbsOfEachGroup() {
        String s = CompletionScripts.fish(new TreeMap<>(CommandTree.CHILDREN));
        assertTrue(s.contains("complete -c jpod -n '__jpod_path_is secret' -a 'create ls inspect rm exists'"), s);
        assertTrue(s.contains("__jpod_kind_is pod"), s);
    }
}
