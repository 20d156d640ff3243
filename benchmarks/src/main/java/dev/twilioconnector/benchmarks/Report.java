package dev.twilioconnector.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run prints: progress lines, one table per benchmark and, at the end, the summary table
 * (Markdown, for the README's "Performance" section) with every goal, the measured figure and PASS / MISS.
 */
public final class Report {

    private final PrintStream out;
    private final long started = System.nanoTime();
    private final List<List<String>> summary = new ArrayList<>();

    public Report(PrintStream out) {
        this.out = out;
    }

    public void section(String title) {
        out.println();
        out.println("== " + title + " ==");
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    public void progress(String text) {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        out.printf(Locale.ROOT, "  [%02d:%02d] %s%n", seconds / 60, seconds % 60, text);
        out.flush();
    }

    public void table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        out.println(row(header, widths));
        StringBuilder rule = new StringBuilder("|");
        for (int width : widths) {
            rule.append("-".repeat(width + 2)).append('|');
        }
        out.println(rule);
        for (List<String> row : rows) {
            out.println(row(row, widths));
        }
        out.flush();
    }

    /** One line of the final summary. */
    public void summary(String benchmark, String goal, String measured, Boolean pass) {
        summary.add(List.of(benchmark, goal, measured, pass == null ? "info" : pass ? "PASS" : "MISS"));
    }

    public void printSummary(String command) {
        section("Summary (Markdown, for the README's \"Performance\" section)");
        table(List.of("benchmark", "goal", "measured", "result"), summary);
        out.println();
        out.println("Command: " + command);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        out.printf(Locale.ROOT, "Whole run: %d min %02d s%n", seconds / 60, seconds % 60);
        out.flush();
    }

    public static String verdict(boolean pass) {
        return pass ? "PASS" : "MISS";
    }

    public static String f(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    public static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static String row(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
        }
        return line.toString();
    }
}
