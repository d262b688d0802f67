package org.safereport.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.safereport.local.LocalStack;
import org.safereport.local.MailSandbox;
import org.safereport.local.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark (bench/run): starts the local stack (or uses a running one) and Alertmanager on the same
 * SMTP server (the benchmark's own {@link SmtpSink}, or a running stack's mailbox), warms both up, then
 * for each fixed rate and each step of a ramp towards saturation sends reports, then alerts, open-loop,
 * and measures request latency, end-to-end latency (to the SMTP server's receipt of the matching email),
 * consumer lag, CPU time and memory. Settings are environment variables:
 *
 * <ul>
 *   <li>{@code BENCH_RATES} fixed rates per second (10,50,200); {@code BENCH_RAMP} the saturation steps (60,80,100,150,200,300,500)</li>
 *   <li>{@code BENCH_SECONDS} seconds per rate (30); {@code BENCH_WARMUP_SECONDS} (30) at 50/s, not measured</li>
 *   <li>{@code BENCH_DRAIN_SECONDS} how long to wait for the last emails after sending (20)</li>
 *   <li>{@code BENCH_SETTLE_SECONDS} how long to wait before a phase for what the one before left queued (120)</li>
 *   <li>{@code BENCH_RESULTS} the results folder (bench/results)</li>
 *   <li>{@code BENCH_INTAKE_URL} use a running stack instead of starting one, with {@code BENCH_MAILBOX_URL}
 *       (http://127.0.0.1:8025), {@code BENCH_SMTP_PORT} (2525) and {@code BENCH_KAFKA} (127.0.0.1:19092)</li>
 *   <li>{@code BENCH_ALERTMANAGER=0} leaves Alertmanager out</li>
 *   <li>{@code BENCH_PROFILE=1} records each service with Java Flight Recorder into the run's {@code profiles/}</li>
 * </ul>
 */
public final class Benchmark {

    private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern KEY_IN_SUBJECT = Pattern.compile("(SM-[0-9A-Z]{4}-[0-9A-Z]{4}|" + Alertmanager.KEY_PREFIX + "[0-9a-z-]+)");
    private static final String SAFEREPORT = "SafeReport";
    private static final String ALERTMANAGER = "Alertmanager";
    private static final int MAX_IN_FLIGHT = 5000;
    /**
     * SmallRye's throttled commit strategy commits a group's offsets every auto.commit.interval.ms (5 s by
     * default): a group that keeps up is still up to that much load behind in its committed offsets.
     */
    private static final int COMMIT_INTERVAL_SECONDS = 5;
    /** A phase whose end-to-end latency grew by more than this from its start to its end fell behind. */
    private static final long MAX_BACKLOG_GROWTH_MICROS = 1_000_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newFixedThreadPool(4)).build();
    private final Mailbox mailbox;
    private final URI reports;
    private final ConsumerLag lag;
    private final Alertmanager alertmanager;
    private final Map<String, LongSupplier> pids;
    private final Duration drain = Duration.ofSeconds(integer("BENCH_DRAIN_SECONDS", 20));
    private final Duration settle = Duration.ofSeconds(integer("BENCH_SETTLE_SECONDS", 120));

    private Benchmark(Mailbox mailbox, URI reports, ConsumerLag lag, Alertmanager alertmanager, Map<String, LongSupplier> pids) {
        this.mailbox = mailbox;
        this.reports = reports;
        this.lag = lag;
        this.alertmanager = alertmanager;
        this.pids = pids;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        String startedAt = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path results = Path.of(env("BENCH_RESULTS", root.resolve("bench/results").toString())).resolve(startedAt);
        Files.createDirectories(results);
        List<Double> rates = doubles(env("BENCH_RATES", "10,50,200"));
        // Set but empty means no ramp.
        List<Double> ramp = doubles(System.getenv("BENCH_RAMP") != null ? System.getenv("BENCH_RAMP") : "60,80,100,150,200,300,500");
        Duration perRate = Duration.ofSeconds(integer("BENCH_SECONDS", 30));
        Duration warmUp = Duration.ofSeconds(integer("BENCH_WARMUP_SECONDS", 30));
        String intakeUrl = System.getenv("BENCH_INTAKE_URL");
        boolean withAlertmanager = !"0".equals(System.getenv("BENCH_ALERTMANAGER"));
        boolean profiled = "1".equals(System.getenv("BENCH_PROFILE"));

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rates", rates);
        settings.put("ramp", ramp);
        settings.put("secondsPerRate", perRate.toSeconds());
        settings.put("warmUpSeconds", warmUp.toSeconds());
        settings.put("drainSeconds", integer("BENCH_DRAIN_SECONDS", 20));
        settings.put("settleSeconds", integer("BENCH_SETTLE_SECONDS", 120));
        settings.put("stack", intakeUrl == null ? "started by the benchmark" : intakeUrl);
        settings.put("report", "INAPPROPRIATE_MATERIAL, anonymous: one email to the Chief Executive");

        LocalStack stack = null;
        List<AutoCloseable> toClose = new ArrayList<>();
        Map<String, LongSupplier> pids = new LinkedHashMap<>();
        try {
            Mailbox mailbox;
            URI reports;
            String kafka;
            int smtpPort;
            Map<String, Double> readiness = new LinkedHashMap<>();
            if (intakeUrl == null) {
                SmtpSink sink = SmtpSink.start(0);
                toClose.add(sink);
                System.out.println("Starting the local stack on free ports (data in " + results.resolve("stack") + ") ...");
                // The mailer sends to the sink rather than to the stack's mailbox: the stack sets QUARKUS_MAILER_PORT
                // itself, and a variable for the services' profile ("local") outranks it.
                Map<String, String> serviceEnvironment = new LinkedHashMap<>(Map.of("INTAKE_RATE_LIMIT_MAX_REQUESTS", "100000000",
                        "_LOCAL_QUARKUS_MAILER_PORT", Integer.toString(sink.port())));
                if (profiled) {
                    serviceEnvironment.putAll(Profiles.recordInto(results.resolve(Profiles.FOLDER)));
                    settings.put("profiled", "Java Flight Recorder, settings=profile, in " + Profiles.FOLDER + "/");
                }
                stack = LocalStack.start(LocalStack.Settings.onFreePorts(root, results.resolve("stack"), serviceEnvironment));
                LocalStack running = stack;
                for (String module : List.of(LocalStack.INTAKE, LocalStack.ESCALATION, LocalStack.NOTIFICATION)) {
                    readiness.put(module, restartAndTimeReadiness(running.service(module)));
                    settings.put(module + " runtime", running.service(module).runtime());
                    pids.put(module, () -> running.service(module).pid());
                }
                pids.put("kafka broker", () -> running.kafka().pid());
                Path postmaster = results.resolve("stack/postgres/postmaster.pid");
                pids.put("postgresql (all processes)", () -> postmasterPid(postmaster));
                mailbox = sink;
                reports = URI.create(stack.service(LocalStack.INTAKE).url("/api/v1/reports"));
                kafka = stack.kafka().bootstrapServers();
                smtpPort = sink.port();
            } else {
                HttpClient client = HttpClient.newHttpClient();
                mailbox = Mailbox.overHttp(client, URI.create(env("BENCH_MAILBOX_URL", "http://127.0.0.1:8025")));
                reports = URI.create(intakeUrl.replaceAll("/$", "") + "/api/v1/reports");
                kafka = env("BENCH_KAFKA", "127.0.0.1:19092");
                smtpPort = integer("BENCH_SMTP_PORT", 2525);
            }
            // The load generator, and the SMTP server when the benchmark started the stack, share this JVM and the cores.
            pids.put("benchmark JVM (load, SMTP)", () -> ProcessHandle.current().pid());
            ConsumerLag lag = new ConsumerLag(kafka);
            toClose.add(lag);
            Alertmanager alertmanager = null;
            if (withAlertmanager) {
                alertmanager = Alertmanager.start(results.resolve("alertmanager"), smtpPort,
                        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
                toClose.add(alertmanager);
                Alertmanager started = alertmanager;
                pids.put("alertmanager", started::pid);
                settings.put("alertmanager", started.version());
            }
            Benchmark benchmark = new Benchmark(mailbox, reports, lag, alertmanager, pids);
            Results.Run run = benchmark.run(startedAt, settings, rates, ramp, perRate, warmUp, readiness);
            Results.write(run, results);
            System.out.println();
            System.out.println(Results.table(run));
            System.out.println("Written to " + results + " (results.txt, .csv, .json, .md and latency.png)");
        } finally {
            for (int i = toClose.size() - 1; i >= 0; i--) {
                toClose.get(i).close();
            }
            if (stack != null) {
                stack.close();
                // The databases and the broker's log are only the benchmark's throw-away data; the logs stay.
                deleteTree(results.resolve("stack/postgres"));
                deleteTree(results.resolve("stack/kafka/data"));
                if (profiled) {
                    Profiles.nameByService(results.resolve(Profiles.FOLDER), pids);
                }
            }
        }
        System.exit(0);
    }

    private Results.Run run(String startedAt, Map<String, Object> settings, List<Double> rates, List<Double> ramp,
                            Duration perRate, Duration warmUp, Map<String, Double> readiness) throws Exception {
        Map<String, Long> cpuAtStart = cpu();
        if (!warmUp.isZero()) {
            System.out.printf("Warming up (JIT) for %d s at 50/s on each system; not measured ...%n", warmUp.toSeconds());
            OpenLoop.run(50, warmUp, MAX_IN_FLIGHT, safeReportTarget());
            if (alertmanager != null) {
                OpenLoop.run(50, warmUp, MAX_IN_FLIGHT, alertmanager.target("warmup"));
            }
        }
        List<PhaseResult> phases = new ArrayList<>();
        for (double rate : rates) {
            phases.addAll(bothAt("fixed", rate, perRate));
        }
        Double sustainedOurs = null;
        Double sustainedTheirs = null;
        boolean oursGaveUp = false;
        boolean theirsGaveUp = alertmanager == null;
        for (double rate : ramp) {
            if (oursGaveUp && theirsGaveUp) {
                break;
            }
            if (!oursGaveUp) {
                PhaseResult ours = phase(SAFEREPORT, "ramp", rate, perRate, safeReportTarget());
                phases.add(ours);
                if (ours.keptUp()) {
                    sustainedOurs = rate;
                } else {
                    oursGaveUp = true;
                }
            }
            if (!theirsGaveUp) {
                PhaseResult theirs = phase(ALERTMANAGER, "ramp", rate, perRate, alertmanager.target("r" + (int) rate));
                phases.add(theirs);
                if (theirs.keptUp()) {
                    sustainedTheirs = rate;
                } else {
                    theirsGaveUp = true;
                }
            }
        }
        Map<String, Long> cpuAtEnd = cpu();
        List<Results.ProcessFigures> processes = new ArrayList<>();
        pids.forEach((name, pid) -> {
            long used = cpuAtEnd.getOrDefault(name, -1L) - cpuAtStart.getOrDefault(name, 0L);
            processes.add(new Results.ProcessFigures(name, readiness.get(name), used / 1000.0, peakRss(name)));
        });
        return new Results.Run(startedAt, machine(), settings, phases, processes, sustainedOurs, sustainedTheirs);
    }

    private List<PhaseResult> bothAt(String phase, double rate, Duration duration) throws Exception {
        List<PhaseResult> results = new ArrayList<>();
        results.add(phase(SAFEREPORT, phase, rate, duration, safeReportTarget()));
        if (alertmanager != null) {
            results.add(phase(ALERTMANAGER, phase, rate, duration, alertmanager.target(phase.charAt(0) + Integer.toString((int) rate))));
        }
        return results;
    }

    private PhaseResult phase(String system, String phase, double rate, Duration duration, OpenLoop.Target target) throws Exception {
        if (system.equals(SAFEREPORT)) {
            awaitQuiet();
        }
        System.out.printf(Locale.ROOT, "%-12s %-5s %5.0f/s for %d s ...%n", system, phase, rate, duration.toSeconds());
        mailbox.clear();
        Map<String, Long> cpuBefore = cpu();
        List<Map<String, Long>> lagSamples = java.util.Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        if (system.equals(SAFEREPORT)) {
            sampler.scheduleAtFixedRate(() -> lagSamples.add(lag.sample()), 0, 1, TimeUnit.SECONDS);
        }
        OpenLoop.Run sent = OpenLoop.run(rate, duration, MAX_IN_FLIGHT, target);
        sampler.shutdownNow();
        Map<String, Long> lagAtEnd = system.equals(SAFEREPORT) ? lag.sample() : Map.of();

        List<OpenLoop.Sample> samples = sent.samples();
        List<OpenLoop.Sample> accepted = samples.stream().filter(OpenLoop.Sample::accepted).toList();
        Map<String, Long> arrivals = awaitEmails(accepted.stream().map(OpenLoop.Sample::key).filter(Objects::nonNull).toList());
        Map<String, Long> cpuAfter = cpu();

        List<Long> requestMicros = new ArrayList<>();
        List<Long> endToEndMicros = new ArrayList<>();
        long firstSend = Long.MAX_VALUE;
        long lastArrival = Long.MIN_VALUE;
        for (OpenLoop.Sample sample : accepted) {
            requestMicros.add(sample.latencyMicros());
            Long arrivedMillis = sample.key() == null ? null : arrivals.get(sample.key());
            firstSend = Math.min(firstSend, sample.intendedEpochMicros());
            if (arrivedMillis != null) {
                endToEndMicros.add(Math.max(0, arrivedMillis * 1000 - sample.intendedEpochMicros()));
                lastArrival = Math.max(lastArrival, arrivedMillis * 1000);
            }
        }
        int errors = samples.size() - accepted.size();
        List<String> errorExamples = samples.stream().filter(s -> !s.accepted()).map(OpenLoop.Sample::error).distinct().limit(5).toList();
        Map<String, Long> maxLag = new LinkedHashMap<>();
        synchronized (lagSamples) {
            lagSamples.forEach(sample -> sample.forEach((group, value) -> maxLag.merge(group, value, Math::max)));
        }
        Map<String, Long> cpuUsed = new LinkedHashMap<>();
        cpuAfter.forEach((name, after) -> cpuUsed.put(name, after - cpuBefore.getOrDefault(name, 0L)));
        double emailsPerSecond = endToEndMicros.isEmpty() || lastArrival <= firstSend ? 0
                : endToEndMicros.size() / ((lastArrival - firstSend) / 1e6);
        double achieved = samples.size() / sent.seconds();
        boolean lagOk = lagAtEnd.values().stream()
                .allMatch(value -> value >= 0 && value <= Math.max(20, rate * (COMMIT_INTERVAL_SECONDS + 1)));
        boolean keptUp = errors == 0 && endToEndMicros.size() == accepted.size() && lagOk && achieved >= 0.95 * rate
                && backlogGrowthMicros(endToEndMicros) <= MAX_BACKLOG_GROWTH_MICROS;
        PhaseResult result = new PhaseResult(system, phase, rate, achieved, samples.size(), accepted.size(), errors,
                Stats.of(requestMicros), Stats.of(endToEndMicros), endToEndMicros.size(), emailsPerSecond, cpuUsed, maxLag,
                lagAtEnd, keptUp, errorExamples);
        System.out.printf(Locale.ROOT, "  request p50 %.1f p99 %.1f ms; end to end p50 %.1f p99 %.1f max %.1f ms; %d/%d delivered, %d errors%s%s%n",
                result.request().p50(), result.request().p99(), result.endToEnd().p50(), result.endToEnd().p99(),
                result.endToEnd().max(), result.delivered(), accepted.size(), errors,
                lagAtEnd.isEmpty() ? "" : "; lag at end " + lagAtEnd + ", max " + maxLag,
                errorExamples.isEmpty() ? "" : "; e.g. " + errorExamples.get(0));
        return result;
    }

    /**
     * Waits until the email of every key is in (or the drain time is up) and maps each key to its first
     * arrival. Keys, not a count: emails left over from the phase before must not end the wait early.
     */
    private Map<String, Long> awaitEmails(List<String> keys) throws InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        Map<String, Long> first = firstArrivals();
        while (!first.keySet().containsAll(keys) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            first = firstArrivals();
        }
        return first;
    }

    private Map<String, Long> firstArrivals() {
        Map<String, Long> first = new HashMap<>();
        for (MailSandbox.Arrival arrival : mailbox.arrivals()) {
            Matcher key = KEY_IN_SUBJECT.matcher(arrival.subject() == null ? "" : arrival.subject());
            if (key.find()) {
                first.merge(key.group(1), arrival.receivedAt().toEpochMilli(), Math::min);
            }
        }
        return first;
    }

    /** After the warm-up: until both consumer groups have caught up, so that the first rate starts clean. */
    /**
     * How much later the last fifth of a phase's emails arrived than its first fifth (medians, in send order):
     * a stack that does not keep up falls further behind with every second, even when the drain lets it
     * deliver everything in the end.
     */
    static long backlogGrowthMicros(List<Long> endToEndInSendOrder) {
        int fifth = endToEndInSendOrder.size() / 5;
        if (fifth == 0) {
            return 0;
        }
        return Stats.median(endToEndInSendOrder.subList(endToEndInSendOrder.size() - fifth, endToEndInSendOrder.size()))
                - Stats.median(endToEndInSendOrder.subList(0, fifth));
    }

    /** Waits (at most the settle time) until what the warm-up or the phase before left queued is done, so that no phase pays for another. */
    private void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + settle.toNanos();
        for (Map<String, Long> behind = lag.sample(); !behind.values().stream().allMatch(value -> value == 0); behind = lag.sample()) {
            if (System.nanoTime() > deadline) {
                System.out.printf("  (still %s records behind after %d s; starting anyway)%n", behind, settle.toSeconds());
                return;
            }
            Thread.sleep(250);
        }
        Thread.sleep(1000);
    }

    private OpenLoop.Target safeReportTarget() {
        return index -> {
            String body = "{\"category\": \"INAPPROPRIATE_MATERIAL\", "
                    + "\"description\": \"A fictional incident filed by the benchmark, number " + index + ".\"}";
            HttpRequest request = HttpRequest.newBuilder(reports)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                if (response.statusCode() != 201) {
                    return new OpenLoop.Outcome(false, null, "HTTP " + response.statusCode());
                }
                Matcher reference = REFERENCE.matcher(response.body());
                return reference.find() ? new OpenLoop.Outcome(true, reference.group(1), null)
                        : new OpenLoop.Outcome(false, null, "201 without a reference");
            });
        };
    }

    /**
     * Stops the service, starts it again and times it from the start of its process to its first "UP" on
     * /q/health/ready, with the rest of the stack running and nothing else starting.
     */
    private static double restartAndTimeReadiness(ServiceProcess service) throws IOException, InterruptedException {
        service.stop();
        long start = System.nanoTime();
        service.start();
        while (!service.isReady()) {
            if (!service.isAlive()) {
                throw new IllegalStateException(service.name() + " exited on restart; see " + service.logFile());
            }
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(90)) {
                throw new IllegalStateException(service.name() + " not ready after 90 s; see " + service.logFile());
            }
            Thread.sleep(10);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s ready %.2f s after its process started (%s)%n", service.name(), seconds, service.runtime());
        return seconds;
    }

    private Map<String, Long> cpu() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            long id = pid.getAsLong();
            cpu.put(name, name.startsWith("postgresql") ? cpuWithChildren(id) : ProcessStats.cpuMillis(id));
        });
        return cpu;
    }

    private double peakRss(String name) {
        return name.startsWith("postgresql") ? -1 : ProcessStats.peakRssMb(pids.get(name).getAsLong());
    }

    /** PostgreSQL is a process per connection: the postmaster and its children now alive. */
    private static long cpuWithChildren(long parent) {
        if (parent < 0) {
            return -1;
        }
        long total = ProcessStats.cpuMillis(parent);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(fields[1]) == parent) {
                        total += ProcessStats.cpuMillis(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    private static long postmasterPid(Path file) {
        try {
            return Long.parseLong(Files.readAllLines(file).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Map<String, String> machine() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        machine.put("cpu", firstValue("/proc/cpuinfo", "model name"));
        String memory = firstValue("/proc/meminfo", "MemTotal");
        machine.put("memory", memory.isEmpty() ? "" : String.format(Locale.ROOT, "%.1f GiB",
                Long.parseLong(memory.replaceAll("\\D", "")) / 1024.0 / 1024.0));
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("date", Instant.now().toString());
        return machine;
    }

    private static String firstValue(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static List<Double> doubles(String list) {
        return list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(String::trim).map(Double::parseDouble).toList();
    }

    private static int integer(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Where emails are counted and their arrival times read: the {@link SmtpSink} in this JVM, or a running stack's mailbox. */
    interface Mailbox {
        List<MailSandbox.Arrival> arrivals();

        void clear();

        static Mailbox overHttp(HttpClient client, URI base) {
            URI messages = base.resolve("/api/messages");
            ObjectMapper json = new ObjectMapper();
            return new Mailbox() {
                public List<MailSandbox.Arrival> arrivals() {
                    try {
                        JsonNode list = json.readTree(client.send(HttpRequest.newBuilder(messages).build(),
                                HttpResponse.BodyHandlers.ofString()).body());
                        List<MailSandbox.Arrival> arrivals = new ArrayList<>();
                        list.forEach(mail -> arrivals.add(new MailSandbox.Arrival(Instant.parse(mail.get("receivedAt").asText()),
                                mail.get("subject").asText())));
                        return arrivals;
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException("could not read the mailbox at " + messages, e);
                    }
                }

                public void clear() {
                    try {
                        client.send(HttpRequest.newBuilder(messages).DELETE().build(), HttpResponse.BodyHandlers.discarding());
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException("could not empty the mailbox at " + messages, e);
                    }
                }
            };
        }
    }
}
