package org.safereport.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Writes a run's figures: a console table, CSV, JSON, a Markdown table for the README and a PNG plot. */
final class Results {

    /** Readiness, CPU time and memory of one process over the whole run. */
    record ProcessFigures(String name, Double readySeconds, double cpuSeconds, double peakRssMb) {
    }

    /** Everything a run found. */
    record Run(String startedAt, Map<String, String> machine, Map<String, Object> settings, List<PhaseResult> phases,
               List<ProcessFigures> processes, Double sustainedSafeReport, Double sustainedAlertmanager) {
    }

    private Results() {
    }

    static String table(Run run) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-12s %-5s %6s %6s %5s | %-31s | %-31s | %9s%n", "system", "phase", "rate/s",
                "sent", "errs", "request ms p50/p95/p99/max", "end to end ms p50/p95/p99/max", "emails/s"));
        for (PhaseResult phase : run.phases()) {
            out.append(String.format(Locale.ROOT, "%-12s %-5s %6.0f %6d %5d | %-31s | %-31s | %9.1f%s%n", phase.system(),
                    phase.phase(), phase.rate(), phase.sent(), phase.errors(), quartet(phase.request()),
                    quartet(phase.endToEnd()) + (phase.delivered() < phase.accepted()
                            ? " (" + (phase.accepted() - phase.delivered()) + " missing)" : ""),
                    phase.emailsPerSecond(), phase.keptUp() ? "" : "  did not keep up"));
        }
        out.append(String.format(Locale.ROOT, "%nsustained (no growing lag, every email delivered): SafeReport %s, Alertmanager %s%n",
                perSecond(run.sustainedSafeReport()), perSecond(run.sustainedAlertmanager())));
        out.append("\nCPU ms per request, by process:\n");
        cpuPerRequest(run).forEach(row -> out.append(String.join(" | ", row)).append('\n'));
        out.append(String.format(Locale.ROOT, "%n%-22s %10s %10s %12s%n", "process", "ready s", "CPU s", "peak RSS MB"));
        for (ProcessFigures process : run.processes()) {
            out.append(String.format(Locale.ROOT, "%-22s %10s %10.1f %12s%n", process.name(), readySeconds(process),
                    process.cpuSeconds(), peakRssMb(process)));
        }
        return out.toString();
    }

    /** The README's table: each rate with SafeReport's figures beside Alertmanager's. */
    static String markdown(Run run) {
        StringBuilder out = new StringBuilder();
        out.append("| rate/s | phase | SafeReport intake p50 / p95 / p99 / max ms | SafeReport end to end p50 / p95 / p99 / max ms | SafeReport emails/s, errors | Alertmanager request p50 / p99 ms | Alertmanager end to end p50 / p95 / p99 / max ms | Alertmanager emails/s, errors |\n");
        out.append("|---:|---|---|---|---|---|---|---|\n");
        for (PhaseResult ours : run.phases()) {
            if (!ours.system().equals("SafeReport")) {
                continue;
            }
            PhaseResult theirs = run.phases().stream().filter(p -> p.system().equals("Alertmanager")
                    && p.phase().equals(ours.phase()) && p.rate() == ours.rate()).findFirst().orElse(null);
            out.append(String.format(Locale.ROOT, "| %.0f | %s | %s | %s | %.1f, %d%s | %s | %s | %s |%n", ours.rate(), ours.phase(),
                    quartet(ours.request()), quartet(ours.endToEnd()) + missing(ours), ours.emailsPerSecond(), ours.errors(),
                    ours.keptUp() ? "" : " (did not keep up)",
                    theirs == null ? "-" : pair(theirs.request()),
                    theirs == null ? "-" : quartet(theirs.endToEnd()) + missing(theirs),
                    theirs == null ? "-" : String.format(Locale.ROOT, "%.1f, %d%s", theirs.emailsPerSecond(), theirs.errors(),
                            theirs.keptUp() ? "" : " (did not keep up)")));
        }
        List<List<String>> cpu = cpuPerRequest(run);
        out.append("\nCPU ms per request, by process:\n\n");
        for (int i = 0; i < cpu.size(); i++) {
            out.append("| ").append(String.join(" | ", cpu.get(i))).append(" |\n");
            if (i == 0) {
                out.append("|---|---|---:").append("|---:".repeat(cpu.get(0).size() - 3)).append("|\n");
            }
        }
        out.append("\n| process | ready (s) | CPU (s, whole run) | peak RSS (MB) |\n|---|---:|---:|---:|\n");
        for (ProcessFigures process : run.processes()) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s |%n", process.name(), readySeconds(process),
                    process.cpuSeconds(), peakRssMb(process)));
        }
        return out.toString();
    }

    /**
     * Where each phase's CPU went, per request sent: what a report (or an alert) costs each process, sending
     * and draining included. Two cores give 2,000 ms of CPU a second, so 2,000 over a row's sum is the most
     * requests a second the machine could take at that cost. The first row is the header.
     */
    static List<List<String>> cpuPerRequest(Run run) {
        List<String> processes = run.phases().stream().flatMap(p -> p.cpuMillis().keySet().stream()).distinct().toList();
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("system", "phase", "rate/s"));
        header.addAll(processes);
        header.add("sum");
        rows.add(header);
        for (PhaseResult phase : run.phases()) {
            if (phase.sent() == 0) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(phase.system(), phase.phase(), String.format(Locale.ROOT, "%.0f", phase.rate())));
            long sum = 0;
            for (String name : processes) {
                long millis = phase.cpuMillis().getOrDefault(name, -1L);
                sum += Math.max(millis, 0);
                row.add(millis < 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) millis / phase.sent()));
            }
            row.add(String.format(Locale.ROOT, "%.2f", (double) sum / phase.sent()));
            rows.add(row);
        }
        return rows;
    }

    private static String readySeconds(ProcessFigures process) {
        return process.readySeconds() == null ? "-" : String.format(Locale.ROOT, "%.2f", process.readySeconds());
    }

    private static String peakRssMb(ProcessFigures process) {
        return process.peakRssMb() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", process.peakRssMb());
    }

    static String csv(Run run) {
        StringBuilder out = new StringBuilder("system,phase,rate,achieved_rate,sent,accepted,errors,request_p50_ms,request_p95_ms,"
                + "request_p99_ms,request_max_ms,e2e_count,e2e_p50_ms,e2e_p95_ms,e2e_p99_ms,e2e_max_ms,delivered,emails_per_s,kept_up");
        List<String> processes = run.phases().stream().flatMap(p -> p.cpuMillis().keySet().stream()).distinct().toList();
        processes.forEach(name -> out.append(",cpu_ms_").append(name));
        out.append('\n');
        for (PhaseResult p : run.phases()) {
            out.append(String.format(Locale.ROOT, "%s,%s,%.0f,%.1f,%d,%d,%d,%.2f,%.2f,%.2f,%.2f,%d,%.2f,%.2f,%.2f,%.2f,%d,%.1f,%s",
                    p.system(), p.phase(), p.rate(), p.achievedRate(), p.sent(), p.accepted(), p.errors(),
                    p.request().p50(), p.request().p95(), p.request().p99(), p.request().max(), p.endToEnd().count(),
                    p.endToEnd().p50(), p.endToEnd().p95(), p.endToEnd().p99(), p.endToEnd().max(), p.delivered(),
                    p.emailsPerSecond(), p.keptUp()));
            processes.forEach(name -> out.append(',').append(p.cpuMillis().getOrDefault(name, -1L)));
            out.append('\n');
        }
        return out.toString();
    }

    static void write(Run run, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("results.txt"), table(run));
        Files.writeString(directory.resolve("results.md"), markdown(run));
        Files.writeString(directory.resolve("results.csv"), csv(run));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve("results.json").toFile(), run);
        plot(run, directory.resolve("latency.png"));
    }

    private static String quartet(Stats stats) {
        return stats.count() == 0 ? "-" : String.format(Locale.ROOT, "%s / %s / %s / %s",
                ms(stats.p50()), ms(stats.p95()), ms(stats.p99()), ms(stats.max()));
    }

    private static String pair(Stats stats) {
        return stats.count() == 0 ? "-" : ms(stats.p50()) + " / " + ms(stats.p99());
    }

    private static String missing(PhaseResult phase) {
        return phase.delivered() < phase.accepted() ? " (" + (phase.accepted() - phase.delivered()) + " not delivered)" : "";
    }

    private static String ms(double value) {
        return value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String perSecond(Double rate) {
        return rate == null ? "below the lowest ramp step" : String.format(Locale.ROOT, "%.0f/s", rate);
    }

    /** Two panels, request latency and end to end, p50 and p99 per rate, both systems, on a log scale. */
    static void plot(Run run, Path file) throws IOException {
        int width = 1200;
        int height = 560;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        List<Double> rates = run.phases().stream().map(PhaseResult::rate).distinct().sorted().toList();
        panel(g, run, rates, 0, "Request latency (intake 201 / Alertmanager 200)", PhaseResult::request);
        panel(g, run, rates, width / 2, "End to end (request to email received by SMTP)", PhaseResult::endToEnd);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void panel(Graphics2D g, Run run, List<Double> rates, int x0, String title,
                              java.util.function.Function<PhaseResult, Stats> which) {
        int left = x0 + 70;
        int right = x0 + 570;
        int top = 50;
        int bottom = 470;
        double minLog = 0;   // 1 ms
        double maxLog = 4;   // 10 s
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int decade = 0; decade <= 4; decade++) {
            int y = (int) (bottom - (decade - minLog) / (maxLog - minLog) * (bottom - top));
            g.setColor(new Color(225, 225, 225));
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(new String[]{"1 ms", "10 ms", "100 ms", "1 s", "10 s"}[decade], x0 + 15, y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, right - left, bottom - top);
        for (int i = 0; i < rates.size(); i++) {
            int x = xOf(i, rates.size(), left, right);
            g.drawString(String.format(Locale.ROOT, "%.0f", rates.get(i)), x - 10, bottom + 18);
        }
        g.drawString("reports (alerts) per second", left + 170, bottom + 40);
        List<Object[]> series = new ArrayList<>();
        series.add(new Object[]{"SafeReport p50", "SafeReport", new Color(31, 119, 180), false, (ToDoubleFunction<Stats>) Stats::p50});
        series.add(new Object[]{"SafeReport p99", "SafeReport", new Color(31, 119, 180), true, (ToDoubleFunction<Stats>) Stats::p99});
        series.add(new Object[]{"Alertmanager p50", "Alertmanager", new Color(230, 110, 20), false, (ToDoubleFunction<Stats>) Stats::p50});
        series.add(new Object[]{"Alertmanager p99", "Alertmanager", new Color(230, 110, 20), true, (ToDoubleFunction<Stats>) Stats::p99});
        int legendY = top + 18;
        for (Object[] s : series) {
            String system = (String) s[1];
            Color color = (Color) s[2];
            boolean dashed = (Boolean) s[3];
            @SuppressWarnings("unchecked")
            ToDoubleFunction<Stats> value = (ToDoubleFunction<Stats>) s[4];
            g.setColor(color);
            g.setStroke(dashed ? new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[]{6f, 5f}, 0f)
                    : new BasicStroke(2f));
            int previousX = -1;
            int previousY = -1;
            for (int i = 0; i < rates.size(); i++) {
                double rate = rates.get(i);
                Stats stats = run.phases().stream().filter(p -> p.system().equals(system) && p.rate() == rate)
                        .map(which).filter(st -> st.count() > 0).findFirst().orElse(null);
                if (stats == null) {
                    previousX = -1;
                    continue;
                }
                double ms = Math.max(1, value.applyAsDouble(stats));
                int x = xOf(i, rates.size(), left, right);
                int y = (int) (bottom - (Math.min(maxLog, Math.log10(ms)) - minLog) / (maxLog - minLog) * (bottom - top));
                g.fillOval(x - 3, y - 3, 7, 7);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, x, y);
                }
                previousX = x;
                previousY = y;
            }
            g.drawLine(right - 150, legendY - 4, right - 125, legendY - 4);
            g.setStroke(new BasicStroke(1f));
            g.drawString((String) s[0], right - 118, legendY);
            legendY += 16;
        }
        g.setColor(Color.BLACK);
    }

    private static int xOf(int index, int count, int left, int right) {
        return count == 1 ? (left + right) / 2 : left + 30 + index * (right - left - 60) / (count - 1);
    }
}
