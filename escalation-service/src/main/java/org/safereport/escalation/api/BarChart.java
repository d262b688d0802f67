package org.safereport.escalation.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal bar chart laid out on the server for an inline SVG (trusteesReport.html): each bar under its label,
 * the label wrapped onto lines since SVG text does not wrap, the value at the end of the bar. Drawn in a
 * {@value #WIDTH}-unit wide view box that the page scales to its column, so no script and no style sheet is needed.
 */
record BarChart(int height, List<Bar> bars) {

    static final int WIDTH = 360;
    private static final int LINE = 18;
    private static final int BAR = 18;
    private static final int GAP = 14;
    /** The longest bar, leaving room after it for its value. */
    private static final int LONGEST = WIDTH - 60;
    /** About as many characters as fit the view box's width at the template's font size. */
    private static final int CHARACTERS_PER_LINE = 44;

    /**
     * @param labelLines the label's lines, each with the y of its baseline
     * @param barY the top of the bar
     * @param barWidth zero for a zero value, at least one unit otherwise so that a small value still shows
     */
    record Bar(List<Line> labelLines, int barY, int barWidth, int valueX, int valueY, String value) {
    }

    record Line(int y, String text) {
    }

    /** A value to draw: its label, how long its bar is out of {@code scale}, and how the value is written. */
    record Value(String label, double amount, String shown) {
    }

    static BarChart of(List<Value> values, double scale) {
        List<Bar> bars = new ArrayList<>();
        int y = 0;
        for (Value value : values) {
            List<Line> lines = new ArrayList<>();
            for (String text : wrap(value.label())) {
                y += LINE;
                lines.add(new Line(y - 4, text));
            }
            int barY = y + 2;
            int width = scale <= 0 || value.amount() <= 0 ? 0 : (int) Math.max(1, Math.round(LONGEST * value.amount() / scale));
            bars.add(new Bar(List.copyOf(lines), barY, width, width + 6, barY + BAR - 4, value.shown()));
            y = barY + BAR + GAP;
        }
        return new BarChart(y, List.copyOf(bars));
    }

    private static List<String> wrap(String label) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : label.split("\\s+")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > CHARACTERS_PER_LINE) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    public int width() {
        return WIDTH;
    }
}
