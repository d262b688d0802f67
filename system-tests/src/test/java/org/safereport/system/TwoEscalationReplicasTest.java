package org.safereport.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safereport.local.LocalStack;
import org.safereport.local.PostgresServer;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two escalation-service replicas on one database and one consumer group, with a policy whose deadlines
 * are seconds long: every step of every case escalates exactly once, whichever replica's scheduler gets
 * there first ({@code FOR UPDATE SKIP LOCKED}).
 */
class TwoEscalationReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REPORTS = 30;
    /** RESIDENT_CONTACT's chain: DSL, then deputy, Chief Executive and Chair. */
    private static final int ESCALATIONS_PER_CASE = 3;

    @TempDir
    static Path data;

    private static LocalStack stack;

    @BeforeAll
    static void startTwoEscalationReplicas() throws Exception {
        Path root = RunningSystem.repositoryRoot();
        Path policy = data.resolve("fast-policy.yaml");
        // The bundled policy with every deadline cut to three seconds on the wall clock.
        Files.writeString(policy, Files.readString(root.resolve("escalation-service/src/main/resources/policy/routing-policy.yaml"))
                .replaceAll("\\{within: PT[0-9A-Z]+, clock: (WALL|WORKING)}", "{within: PT3S, clock: WALL}"));
        stack = RunningSystem.start(data.resolve("stack"), Map.of(
                "ESCALATION_POLICY_FILE", policy.toString(),
                "ESCALATION_DEADLINE_CHECK_INTERVAL", "1s",
                // All the reports come from this one address.
                "INTAKE_RATE_LIMIT_MAX_REQUESTS", "1000"));
        stack.startReplica(LocalStack.ESCALATION);
    }

    @AfterAll
    static void stopIt() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String fileReport() throws Exception {
        HttpResponse<String> response = RunningSystem.fileReport(stack, "{\"category\": \"RESIDENT_CONTACT\", "
                + "\"description\": \"A fictional incident for the replica test.\", "
                + "\"reporter\": {\"email\": \"support.worker@example.org\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("reference").asText();
    }

    /** ESCALATED timeline entries per case reference. */
    private static Map<String, List<String>> escalations() throws SQLException {
        Map<String, List<String>> byCase = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl("escalation"), PostgresServer.USER, "local");
             PreparedStatement query = connection.prepareStatement("""
                     SELECT c.reference, t.detail FROM case_timeline t JOIN escalation_case c ON c.id = t.case_id
                     WHERE t.kind = 'ESCALATED'""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                byCase.computeIfAbsent(rows.getString(1), reference -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return byCase;
    }

    @Test
    void everyStepEscalatesExactlyOnce() throws Exception {
        List<String> references = new ArrayList<>();
        for (int i = 0; i < REPORTS; i++) {
            references.add(fileReport());
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, List<String>> escalations = escalations();
            return references.stream().allMatch(reference ->
                    escalations.getOrDefault(reference, List.of()).size() >= ESCALATIONS_PER_CASE);
        });
        // Both replicas keep polling: give a second firing every chance to happen.
        Thread.sleep(5_000);

        Map<String, List<String>> escalations = escalations();
        for (String reference : references) {
            assertThat(escalations.get(reference)).as(reference).hasSize(ESCALATIONS_PER_CASE).doesNotHaveDuplicates();
        }
        long byFirst = countEscalationLines(data.resolve("stack/logs/escalation-service.log"));
        long bySecond = countEscalationLines(data.resolve("stack/logs/escalation-service-replica-2.log"));
        System.out.printf("%d reports, %d escalations: %d by the first replica, %d by the second%n", REPORTS,
                REPORTS * ESCALATIONS_PER_CASE, byFirst, bySecond);
        assertThat(byFirst + bySecond).isEqualTo((long) REPORTS * ESCALATIONS_PER_CASE);
    }

    private static long countEscalationLines(Path log) throws Exception {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(" escalated to ")).count();
        }
    }
}
