package dev.twilioconnector.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a run prints: progress lines, one table per benchmark and, at the end, the summary table (Markdown, for the
 * README's "Performance" section) with every goal, the measured figure and PASS / MISS.
 */
public final class Report {

    private final PrintStream out;
    private final long started = System.nanoTime();
    private final List<List<String>> summary = new ArrayList<>();

    public Report(PrintStream out) {
        this.out = out;
    }

    public void section(String title) {
        line("");
        line("== " + title + " ==");
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    public void progress(String text) {
        line(String.format(Locale.ROOT, "  [%s] %s", elapsed(), text));
    }

    /** A Markdown table, its columns aligned for the console. */
    public void table(List<String> header, List<List<String>> rows) {
        int[] widths = header.stream().mapToInt(String::length).toArray();
        rows.forEach(cells -> Arrays.setAll(widths, i -> Math.max(widths[i], cells.get(i).length())));
        line(row(header, widths));
        line(row(Arrays.stream(widths).mapToObj("-"::repeat).toList(), widths));
        rows.forEach(cells -> line(row(cells, widths)));
    }

    /** One line of the final summary; {@code pass} null: information, no goal. */
    public void summary(String benchmark, String goal, String measured, Boolean pass) {
        summary.add(List.of(benchmark, goal, measured, pass == null ? "info" : verdict(pass)));
    }

    public void printSummary(String command) {
        section("Summary (Markdown, for the README's \"Performance\" section)");
        table(List.of("benchmark", "goal", "measured", "result"), summary);
        line("");
        line("Command: " + command);
        line("Whole run: " + elapsed());
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

    private String elapsed() {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
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
