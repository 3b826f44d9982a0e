package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.events.Events;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    final StringWriter screen = new StringWriter();
    final AtomicLong now = new AtomicLong();
    final List<String> warnings = new ArrayList<>();
    final TerminalProgress progress = new TerminalProgress(new PrintWriter(screen), warnings::add, now::get);

    /** The screen as a terminal shows it: cursor-up and erase-line applied. */
    private List<String> rendered() {
        List<String> lines = new ArrayList<>();
        int row = 0;
        String s = screen.toString();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\033') {
                int end = i + 2;
                while (!Character.isLetter(s.charAt(end))) {
                    end++;
                }
                String arg = s.substring(i + 2, end);
                if (s.charAt(end) == 'A') {
                    row -= Integer.parseInt(arg);
                } else if (s.charAt(end) == 'K') {
                    cur.setLength(0);
                }
                i = end;
            } else if (c == '\r') {
                cur.setLength(0);
            } else if (c == '\n') {
                while (lines.size() <= row) {
                    lines.add("");
                }
                lines.set(row++, cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        return lines;
    }

    @Test
    void barsAreRedrawnInPlaceAndOtherMessagesGoAboveAndAfterThem() {
        progress.progress("127.0.0.1:5000/a:1...", "Trying to pull");
        progress.transferStarted("Copying blob", A, 4L << 20);
        progress.transferStarted("Copying blob", B, 1000);
        now.addAndGet(200_000_000L);
        progress.transferred(A, 1L << 20);
        assertEquals(List.of("Trying to pull 127.0.0.1:5000/a:1...",
                "Copying blob aaaaaaaaaaaa [======>------------------] 1.0MiB / 4.0MiB",
                "Copying blob bbbbbbbbbbbb [>------------------------] 0B / 1000B"), rendered());
        progress.transferred(A, 2L << 20); // within 100 ms of the last redraw: not drawn
        assertTrue(rendered().get(1).contains("1.0MiB / 4.0MiB"), rendered().toString());
        progress.transferDone(B);
        progress.transferDone(A);
        progress.warning("something");
        progress.progress("sha256:cfg", "Copying config");
        assertEquals(List.of("Trying to pull 127.0.0.1:5000/a:1...", "Copying blob aaaaaaaaaaaa done", "Copying blob bbbbbbbbbbbb done",
                "Copying config sha256:cfg"), rendered());
        assertEquals(List.of("something"), warnings);
    }

    @Test
    void bytesAndLinesAreShownAsPodmanDoes() {
        assertEquals("512B", TerminalProgress.bytes(512));
        assertEquals("1.5KiB", TerminalProgress.bytes(1536));
        assertEquals("2.0GiB", TerminalProgress.bytes(2L << 30));
        assertEquals("Copying blob abc 10B", TerminalProgress.line("Copying blob", "abc", 10, -1, false));
        assertEquals("Copying blob aaaaaaaaaaaa [=========================] 4B / 4B", TerminalProgress.line("Copying blob", A, 4, 4, false));
    }

    @Test
    void quietOrNotATerminalGivesLinesPerStep() {
        StringWriter out = new StringWriter();
        Events lines = StderrEvents.forTransfers(new PrintWriter(out), GlobalOptions.LogLevel.warn, false, Invocation.ofProcess());
        lines.transferStarted("Copying blob", A, 10);
        lines.transferred(A, 5);
        lines.transferDone(A);
        assertEquals("Copying blob " + A + System.lineSeparator(), out.toString(), "a test's stderr is no terminal");
        StringWriter none = new StringWriter();
        StderrEvents.forTransfers(new PrintWriter(none), GlobalOptions.LogLevel.warn, true, Invocation.ofProcess()).transferStarted("Copying blob", A, 10);
        assertEquals("", none.toString());
        assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
        assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
        assertFalse(Terminal.isTerminalDevice("pipe:[1234]"));
        assertFalse(Terminal.isTerminalDevice("/dev/null"));
    }
}
