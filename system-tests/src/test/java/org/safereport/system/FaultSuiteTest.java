package org.safereport.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safereport.local.LocalStack;
import org.safereport.local.MailSandbox;
import org.safereport.local.PostgresServer;
import org.safereport.local.ServiceProcess;
import org.safereport.local.SmsSink;
import org.safereport.testing.Soak;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite: while reports flow in steadily, each part the system depends on fails in turn — each
 * service is killed with SIGKILL and started again, the Kafka broker stops for 30 s, PostgreSQL stops, the
 * SMTP server refuses connections, the text-message provider answers 500s. Then, for every report that was
 * accepted (every 201): it was published, it has a case, the first person the policy names got exactly
 * one email (and one text where the category is urgent), the first deadline fired exactly once and the next
 * person was told exactly once. An event can be published twice (a service killed, or its database stopped,
 * between Kafka's acknowledgement and marking the outbox row); the consumers absorb it by event id, which is
 * what the one case and the one email per report show. Nothing is delivered twice, except that the messages
 * being sent at the very moment the notification service is killed (one round: at most a batch per channel)
 * can be sent again after its restart, since their outcome could not be recorded (SMTP cannot take a message
 * back): such a repeat carries the same Message-ID, so mail clients show it once.
 *
 * <p>{@code mvn -B verify -pl system-tests -Dtest=FaultSuiteTest -Dsoak} (after a build) runs the same
 * faults under 10,000 reports or more.
 */
class FaultSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REFERENCE = Pattern.compile("SM-[0-9A-Z]{4}-[0-9A-Z]{4}");
    private static final boolean SOAK = Soak.on();
    private static final int MINIMUM_REPORTS = SOAK ? 10_000 : 300;
    private static final int REPORTS_PER_SECOND = SOAK ? 30 : 3;
    /** Steady flow between two faults, so that each fault starts from a system that has caught up. */
    private static final Duration BETWEEN_FAULTS = Duration.ofSeconds(SOAK ? 20 : 3);
    /** How many deliveries of a channel the notification service sends at once (notification.*.batch-size). */
    private static final int NOTIFICATION_BATCH_SIZE = 4;
    /** The first step's deadline in the suite's policy; the later steps' deadlines are a day, so each case escalates once. */
    private static final Duration FIRST_DEADLINE = Duration.ofSeconds(15);

    private static final String FORM_DESCRIPTION = "A fictional incident typed into the form while the database was down.";

    /** A category the suite files, with whom the policy tells first and next and whether it texts them too. */
    private record Route(String category, String firstEmail, String nextEmail, String firstMobile, String nextMobile) {
        boolean texts() {
            return firstMobile != null;
        }
    }

    private static final List<Route> ROUTES = List.of(
            new Route("RESIDENT_CONTACT", "dsl@example.org", "deputy.dsl@example.org", "+447700900103", "+447700900104"),
            new Route("INAPPROPRIATE_MATERIAL", "chief.executive@example.org", "chair@example.org", null, null));

    /** One accepted report: its reference, its route and the fault that was under way when it was filed. */
    private record Accepted(String reference, Route route, String during) {
    }

    @TempDir
    static Path data;

    private static LocalStack stack;

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        Path policy = data.resolve("fault-suite-policy.yaml");
        String bundled = Files.readString(RunningSystem.repositoryRoot()
                .resolve("escalation-service/src/main/resources/policy/routing-policy.yaml"));
        Files.writeString(policy, bundled
                // Each category's own (first) deadline on one line of four spaces' indent; the chain's steps in list items.
                .replaceAll("(?m)^    deadline: \\{within: PT[0-9A-Z]+, clock: (WALL|WORKING)}",
                        "    deadline: {within: PT" + FIRST_DEADLINE.toSeconds() + "S, clock: WALL}")
                .replaceAll("(?m)^(      - \\{role: [A-Z_]+, )deadline: \\{within: PT[0-9A-Z]+, clock: (WALL|WORKING)}",
                        "$1deadline: {within: PT24H, clock: WALL}"));
        stack = RunningSystem.start(data.resolve("stack"), Map.of(
                "ESCALATION_POLICY_FILE", policy.toString(),
                "ESCALATION_DEADLINE_CHECK_INTERVAL", "1s",
                // All the reports come from this one address.
                "INTAKE_RATE_LIMIT_MAX_REQUESTS", "1000000",
                // Retries soon after an outage ends, so that the suite need not wait minutes for the backoff.
                "NOTIFICATION_EMAIL_MAX_BACKOFF", "PT5S",
                "NOTIFICATION_SMS_MAX_BACKOFF", "PT5S"));
    }

    @AfterAll
    static void stopIt() throws IOException {
        if (stack != null) {
            stack.close();
        }
        // The temporary folder goes; each part's log stays, to trace a failure back to what a part did.
        Path kept = Path.of("target", "fault-suite-logs");
        Files.createDirectories(kept);
        try (Stream<Path> logs = Files.list(data.resolve("stack").resolve("logs"))) {
            for (Path log : logs.toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A fault: what it does to the running system, described for the suite's output. */
    private interface Fault {
        void inject() throws Exception;
    }

    @Test
    void everyAcceptedReportIsDeliveredOnceAndEscalatesOnceWhateverFails() throws Exception {
        Map<String, Fault> faults = new LinkedHashMap<>();
        for (String module : List.of(LocalStack.INTAKE, LocalStack.ESCALATION, LocalStack.NOTIFICATION)) {
            faults.put(module + " killed with SIGKILL, restarted 1 s later", () -> {
                ServiceProcess service = stack.service(module);
                service.kill();
                pause(Duration.ofSeconds(1));
                service.start();
                service.awaitReady(Duration.ofSeconds(90));
            });
        }
        faults.put("Kafka broker stopped for 30 s", () -> {
            stack.kafka().stop();
            pause(Duration.ofSeconds(30));
            stack.kafka().startAndAwait(Duration.ofSeconds(90));
        });
        AtomicReference<HttpResponse<String>> formWhileDatabaseDown = new AtomicReference<>();
        faults.put("PostgreSQL (every service's database) stopped for 10 s", () -> {
            stack.postgres().stop();
            pause(Duration.ofSeconds(1));
            formWhileDatabaseDown.set(RunningSystem.submitForm(stack, Map.of("category", "INAPPROPRIATE_MATERIAL",
                    "description", FORM_DESCRIPTION)));
            pause(Duration.ofSeconds(9));
            stack.postgres().restart();
        });
        faults.put("SMTP server refusing connections for 15 s", () -> {
            stack.mailbox().refuseSmtpConnections();
            pause(Duration.ofSeconds(15));
            stack.mailbox().acceptSmtpConnections();
        });
        faults.put("SMS provider answering 500 for 15 s", () -> {
            stack.mailbox().failTexts(true);
            pause(Duration.ofSeconds(15));
            stack.mailbox().failTexts(false);
        });

        long startedAt = System.nanoTime();
        NavigableMap<Instant, String> injected = new TreeMap<>();
        ReportStream stream = new ReportStream();
        stream.start();
        for (Map.Entry<String, Fault> fault : faults.entrySet()) {
            stream.during("steady");
            pause(BETWEEN_FAULTS);
            System.out.printf("fault suite: injecting: %s (%d reports accepted so far)%n", fault.getKey(), stream.accepted.size());
            stream.during(fault.getKey());
            injected.put(Instant.now(), fault.getKey());
            fault.getValue().inject();
        }
        stream.during("steady");
        await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> stream.accepted.size() >= MINIMUM_REPORTS);
        stream.stop();
        List<Accepted> accepted = List.copyOf(stream.accepted);
        System.out.printf("fault suite: %d reports accepted in %d s, %d not (answers while a part was down: %s)%n",
                accepted.size(), secondsSince(startedAt), stream.refusals.values().stream().mapToInt(List::size).sum(),
                new TreeMap<>(stream.refusals.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()))));

        // Every case's first deadline passes after its first delivery: wait until everything owed has come.
        Duration settle = Duration.ofMinutes(SOAK ? 20 : 4);
        await().atMost(settle).pollInterval(Duration.ofSeconds(2)).until(() -> Counts.now(accepted).complete(accepted));
        System.out.printf("fault suite: everything owed arrived %d s after the start%n", secondsSince(startedAt));
        // Give a late duplicate (a second delivery, a second firing) every chance to show.
        pause(Duration.ofSeconds(5));
        Counts counts = Counts.now(accepted);
        Map<String, Integer> publications = publications(accepted);
        counts.print(accepted, publications);
        printRepeats(counts.repeatedArrivals(), injected);

        assertThat(accepted).hasSizeGreaterThanOrEqualTo(MINIMUM_REPORTS);
        assertThat(stream.refusals).as("an outage is a 503 to try again, never a 500").doesNotContainKey("HTTP 500");
        // A person filing on the form while the database is down gets the form back with their words in it.
        assertThat(formWhileDatabaseDown.get().statusCode()).isEqualTo(503);
        assertThat(formWhileDatabaseDown.get().body()).contains("could not save your report just now").contains(FORM_DESCRIPTION);
        for (Accepted report : accepted) {
            String reference = report.reference();
            // Publishing is at least once (see the class comment); the assertions below show the repeats absorbed.
            assertThat(publications.getOrDefault(reference, 0)).as("publications of " + reference).isGreaterThanOrEqualTo(1);
            assertThat(counts.cases).as("case for " + reference).contains(reference);
            assertThat(counts.escalations.get(reference)).as("first deadline of " + reference + " fired").isEqualTo(1);
            assertThat(counts.emails(report.route().firstEmail(), reference)).as("first email about " + reference).isEqualTo(1);
            assertThat(counts.emails(report.route().nextEmail(), reference)).as("escalation email about " + reference).isEqualTo(1);
            if (report.route().texts()) {
                // A text has no id to tell a resend from a second message: the bound on repeats below covers texts.
                assertThat(counts.texts(report.route().firstMobile(), reference)).as("first text about " + reference).isPositive();
                assertThat(counts.texts(report.route().nextMobile(), reference)).as("escalation text about " + reference).isPositive();
            }
        }
        assertThat(counts.repeatedEmails).as("a repeated email is a resend of the same message, same Message-ID")
                .allSatisfy((subjectAndRecipient, messageIds) -> assertThat(messageIds).hasSize(1));
        assertThat(counts.repeatedEmails.size() + counts.repeatedTexts.size())
                .as("repeats, only for the sends of the round in flight when the notification service was killed")
                .isLessThanOrEqualTo(2 * NOTIFICATION_BATCH_SIZE);
    }

    /** For each message that arrived more than once: when each copy came, and the fault injected last before it. */
    private static void printRepeats(Map<String, List<Instant>> repeatedArrivals, NavigableMap<Instant, String> injected) {
        repeatedArrivals.forEach((message, copies) -> {
            System.out.printf("fault suite: repeated: %s%n", message);
            copies.forEach(copy -> System.out.printf("fault suite:   copy at %s, after: %s%n", copy,
                    Optional.ofNullable(injected.floorEntry(copy)).map(Map.Entry::getValue).orElse("no fault yet")));
        });
    }

    /** Files reports at a steady rate on a thread of its own, noting which were accepted and what else came back. */
    private static final class ReportStream {
        final List<Accepted> accepted = new CopyOnWriteArrayList<>();
        final Map<String, List<String>> refusals = new ConcurrentHashMap<>();
        private final AtomicReference<String> phase = new AtomicReference<>("steady");
        private final AtomicBoolean flowing = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::run, "report-stream");

        void start() {
            thread.start();
        }

        void during(String fault) {
            phase.set(fault);
        }

        void stop() throws InterruptedException {
            flowing.set(false);
            thread.join();
        }

        private void run() {
            long interval = Duration.ofSeconds(1).toNanos() / REPORTS_PER_SECOND;
            long next = System.nanoTime();
            for (int i = 0; flowing.get(); i++) {
                Route route = ROUTES.get(i % ROUTES.size());
                String during = phase.get();
                try {
                    HttpResponse<String> response = RunningSystem.fileReport(stack, "{\"category\": \"" + route.category()
                            + "\", \"description\": \"A fictional incident filed by the fault suite.\"}");
                    if (response.statusCode() == 201) {
                        accepted.add(new Accepted(JSON.readTree(response.body()).get("reference").asText(), route, during));
                    } else {
                        refusals.computeIfAbsent("HTTP " + response.statusCode(), answer -> new CopyOnWriteArrayList<>()).add(during);
                    }
                } catch (Exception e) {
                    // The intake service is down: a client would try again.
                    refusals.computeIfAbsent(e.getClass().getSimpleName(), answer -> new CopyOnWriteArrayList<>()).add(during);
                }
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    pause(Duration.ofNanos(wait));
                } else {
                    next = System.nanoTime();  // behind after an outage: carry on at the rate, no burst
                }
            }
        }
    }

    /** What reached the recipients and the escalation database, counted per report. */
    private record Counts(Set<String> cases, Map<String, Integer> escalations,
                          Map<String, Map<String, Set<String>>> emailsByRecipient, Map<String, Map<String, Long>> textsByRecipient,
                          Map<String, Set<String>> repeatedEmails, Map<String, Long> repeatedTexts,
                          Map<String, List<Instant>> repeatedArrivals) {

        static Counts now(List<Accepted> accepted) throws SQLException {
            Set<String> references = accepted.stream().map(Accepted::reference).collect(Collectors.toSet());
            List<MailSandbox.ReceivedMail> mails = stack.mailbox().messages();
            List<SmsSink.ReceivedText> texts = stack.mailbox().texts();
            Map<String, Map<String, Set<String>>> emails = new HashMap<>();
            Map<String, Set<String>> messageIds = new HashMap<>();
            // When each copy of each message (recipient and subject, or number and body) arrived.
            Map<String, List<Instant>> arrivals = new TreeMap<>();
            for (MailSandbox.ReceivedMail mail : mails) {
                for (String recipient : mail.to()) {
                    String key = recipient + " | " + mail.subject();
                    arrivals.computeIfAbsent(key, k -> new ArrayList<>()).add(mail.receivedAt());
                    messageIds.computeIfAbsent(key, k -> new TreeSet<>()).add(mail.messageId());
                    referenceIn(mail.subject(), references).ifPresent(reference ->
                            emails.computeIfAbsent(recipient, r -> new HashMap<>())
                                    .computeIfAbsent(reference, r -> new HashSet<>()).add(mail.messageId()));
                }
            }
            Map<String, Map<String, Long>> textCounts = new HashMap<>();
            for (SmsSink.ReceivedText text : texts) {
                arrivals.computeIfAbsent(text.to() + " | " + text.body(), k -> new ArrayList<>()).add(text.receivedAt());
                referenceIn(text.body(), references).ifPresent(reference ->
                        textCounts.computeIfAbsent(text.to(), r -> new HashMap<>()).merge(reference, 1L, Long::sum));
            }
            Map<String, List<Instant>> repeatedArrivals = new TreeMap<>(arrivals);
            repeatedArrivals.values().removeIf(copies -> copies.size() < 2);
            Map<String, Set<String>> repeatedEmails = new HashMap<>();
            Map<String, Long> repeatedTexts = new HashMap<>();
            repeatedArrivals.forEach((key, copies) -> {
                if (messageIds.containsKey(key)) {
                    repeatedEmails.put(key, messageIds.get(key));
                } else {
                    repeatedTexts.put(key, (long) copies.size());
                }
            });
            Set<String> cases = new HashSet<>();
            Map<String, Integer> escalations = new HashMap<>();
            try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl("escalation"), PostgresServer.USER, "local");
                 PreparedStatement query = connection.prepareStatement("""
                         SELECT c.reference, count(t.id) FROM escalation_case c
                         LEFT JOIN case_timeline t ON t.case_id = c.id AND t.kind = 'ESCALATED' GROUP BY c.reference""");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    cases.add(rows.getString(1));
                    escalations.put(rows.getString(1), rows.getInt(2));
                }
            }
            return new Counts(cases, escalations, emails, textCounts, repeatedEmails, repeatedTexts, repeatedArrivals);
        }

        private static Optional<String> referenceIn(String text, Set<String> references) {
            Matcher matcher = REFERENCE.matcher(text == null ? "" : text);
            while (matcher.find()) {
                if (references.contains(matcher.group())) {
                    return Optional.of(matcher.group());
                }
            }
            return Optional.empty();
        }

        /** Distinct messages: a resend of the same message (same Message-ID) counts once. */
        long emails(String recipient, String reference) {
            return emailsByRecipient.getOrDefault(recipient, Map.of()).getOrDefault(reference, Set.of()).size();
        }

        long texts(String mobile, String reference) {
            return textsByRecipient.getOrDefault(mobile, Map.of()).getOrDefault(reference, 0L);
        }

        /** Everything owed has arrived at least once (whether anything came twice is asserted after). */
        boolean complete(List<Accepted> accepted) {
            return accepted.stream().allMatch(report -> escalations.getOrDefault(report.reference(), 0) >= 1
                    && emails(report.route().firstEmail(), report.reference()) >= 1
                    && emails(report.route().nextEmail(), report.reference()) >= 1
                    && (!report.route().texts() || texts(report.route().firstMobile(), report.reference()) >= 1
                    && texts(report.route().nextMobile(), report.reference()) >= 1));
        }

        /** Prints, per fault, what was accepted during it and what those reports came to. */
        void print(List<Accepted> accepted, Map<String, Integer> publications) {
            Map<String, List<Accepted>> byPhase = accepted.stream()
                    .collect(Collectors.groupingBy(Accepted::during, LinkedHashMap::new, Collectors.toList()));
            System.out.printf("fault suite: %-58s %8s %9s %6s %7s %7s %9s%n", "accepted while", "reports",
                    "published", "cases", "emails", "texts", "escalated");
            for (Map.Entry<String, List<Accepted>> phase : byPhase.entrySet()) {
                List<Accepted> reports = phase.getValue();
                System.out.printf("fault suite: %-58s %8d %9d %6d %7d %7d %9d%n", phase.getKey(), reports.size(),
                        reports.stream().mapToInt(r -> publications.getOrDefault(r.reference(), 0)).sum(),
                        reports.stream().filter(r -> cases.contains(r.reference())).count(),
                        reports.stream().mapToLong(r -> emails(r.route().firstEmail(), r.reference())
                                + emails(r.route().nextEmail(), r.reference())).sum(),
                        reports.stream().filter(r -> r.route().texts()).mapToLong(r -> texts(r.route().firstMobile(), r.reference())
                                + texts(r.route().nextMobile(), r.reference())).sum(),
                        reports.stream().mapToInt(r -> escalations.getOrDefault(r.reference(), 0)).sum());
            }
            System.out.printf("fault suite: repeated publications %d, repeated emails %s, repeated texts %s%n",
                    publications.values().stream().mapToInt(count -> count - 1).sum(), repeatedEmails, repeatedTexts.keySet());
        }
    }

    /** How many times each accepted report was published on reports.submitted.v1, reading the topic from its start. */
    private static Map<String, Integer> publications(List<Accepted> accepted) {
        Set<String> references = accepted.stream().map(Accepted::reference).collect(Collectors.toSet());
        Map<String, Integer> counts = new HashMap<>();
        RunningSystem.readTopic(stack, "reports.submitted.v1", record ->
                Counts.referenceIn(record.value(), references).ifPresent(reference -> counts.merge(reference, 1, Integer::sum)));
        return counts;
    }

    private static long secondsSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toSeconds();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
