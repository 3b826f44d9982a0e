package io.jpod.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-separated cells into columns like Go's text/tabwriter as podman configures it
 * ({@code NewWriter(w, 12, 2, 2, ' ', 0)}): a column is as wide as its widest cell plus 2 spaces,
 * at least 12; the text after a line's last tab is not padded. As in Go, a column only spans
 * consecutive lines that have a cell in it.
 */
final class TabWriter {
    private static final int MIN_WIDTH = 12;
    private static final int PADDING = 2;

    /** Each line's cells; the last cell is the text after the last tab. */
    private final List<String[]> lines = new ArrayList<>();

    /** Adds text; each "\n" in it starts another line. */
    TabWriter add(String text) {
        for (String line : text.split("\n", -1)) {
            lines.add(line.split("\t", -1));
        }
        return this;
    }

    /** The aligned text, each line ending in "\n". */
    String format() {
        StringBuilder out = new StringBuilder();
        format(out, new ArrayList<>(), 0, lines.size());
        return out.toString();
    }

    private void format(StringBuilder out, List<Integer> widths, int line0, int line1) {
        int column = widths.size();
        for (int i = line0; i < line1; i++) {
            if (column >= lines.get(i).length - 1) {
                continue;
            }
            write(out, widths, line0, i); // lines before this column's block
            line0 = i;
            int width = MIN_WIDTH;
            for (; i < line1 && column < lines.get(i).length - 1; i++) {
                width = Math.max(width, length(lines.get(i)[column]) + PADDING);
            }
            widths.add(width);
            format(out, widths, line0, i);
            widths.remove(widths.size() - 1);
            line0 = i;
        }
        write(out, widths, line0, line1);
    }

    private void write(StringBuilder out, List<Integer> widths, int from, int to) {
        for (String[] cells : lines.subList(from, to)) {
            for (int j = 0; j < cells.length; j++) {
                out.append(cells[j]);
                if (j < widths.size()) {
                    out.append(" ".repeat(widths.get(j) - length(cells[j])));
                }
            }
            out.append('\n');
        }
    }

    private static int length(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
