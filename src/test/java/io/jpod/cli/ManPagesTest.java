package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManPagesTest {
    private static void paths(String path, List<String> into) {
        for (String child : CommandTree.CHILDREN.get(path)) {
            String p = path.isEmpty() ? child : path + " " + child;
            if (!p.equals("help")) {
                into.add(p);
            }
            if (CommandTree.CHILDREN.containsKey(p)) {
                paths(p, into);
            }
        }
    }

    @Test
    void everyCommandOfTheTreeHasAPage() {
        Map<String, String> pages = ManPages.pages("1.0");
        List<String> paths = new ArrayList<>();
        paths("", paths);
        assertTrue(pages.containsKey("jpod.1"));
        for (String p : paths) {
            String file = "jpod-" + p.replace(' ', '-') + ".1";
            assertTrue(pages.containsKey(file), () -> "no man page " + file);
        }
        assertEquals(paths.size() + 1, pages.size(), "one page per command, and jpod's own");
    }

    @Test
    void aPageIsRoffWithTheCommandsOptions() {
        String page = ManPages.pages("1.0").get("jpod-kube-play.1");
        assertTrue(page.startsWith(".TH \"JPOD-KUBE-PLAY\" \"1\""), page);
        assertTrue(page.contains(".SH NAME\njpod\\-kube\\-play \\- "), page);
        assertTrue(page.contains("\\fB\\-\\-replace\\fR"), page);
        assertTrue(page.contains(".SH SEE ALSO\n\\fBjpod\\-kube\\fR(1)"), page);
    }

    @Test
    void roffControlCharactersAreEscaped() {
        assertEquals("\\&.hidden a\\e b \\-x", ManPages.escape(".hidden a\\ b -x"));
    }
}
