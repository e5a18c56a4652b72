package org.infermeter.report;

import java.util.ArrayList;
import java.util.List;

/** A fixed-width table: first column left-aligned, the others right-aligned (they hold figures). */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    void row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        rows.add(cells);
    }

    String render(String indent) {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < columns; c++) width[c] = Math.max(width[c], r[c].length());
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            sb.append(indent);
            for (int c = 0; c < columns; c++) {
                if (c > 0) sb.append("  ");
                String pad = " ".repeat(width[c] - r[c].length());
                sb.append(c == 0 ? r[c] + pad : pad + r[c]);
            }
            sb.append(System.lineSeparator());
            if (i == 0) {
                sb.append(indent);
                int line = 0;
                for (int w : width) line += w;
                sb.append("-".repeat(line + 2 * (columns - 1))).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }
}
