package org.safereport.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.safereport.local.LocalStack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * One report's path, from the intake request to the email, is one trace across the three services, whose
 * context travels in the Kafka records' {@code traceparent} headers; it is exported over OTLP only when an
 * endpoint is configured.
 */
class TracesEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DESCRIPTION = "A fictional incident for the trace test, about Jordan Example.";
    private static final String REPORTER_EMAIL = "support.worker@example.org";
    private static final String REPORT = "{\"category\": \"RESIDENT_CONTACT\", \"description\": \"" + DESCRIPTION + "\", "
            + "\"reporter\": {\"name\": \"Alex Mercer\", \"email\": \"" + REPORTER_EMAIL + "\", \"phone\": \"+447700900123\"}}";
    /** Where the OpenTelemetry exporter sends when no endpoint is configured. */
    private static final int DEFAULT_OTLP_PORT = 4317;

    /** Kept when a test fails: the services' logs are in its logs folder. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path data;

    @Test
    void oneReportFromTheRequestToTheEmailIsOneTraceExportedToTheConfiguredEndpoint() throws Exception {
        try (TraceCollector collector = new TraceCollector();
             LocalStack stack = RunningSystem.start(data, Map.of(
                     "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                     "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                     "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"))) {
            String reference = fileReport(stack);

            await().atMost(Duration.ofSeconds(60)).until(() -> emailed(stack, reference));
            // The email's span ends once the dispatcher has recorded its outcome, a moment after the SMTP server has it.
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(collector.spans()).anySatisfy(span -> {
                assertThat(span.name()).isEqualTo("EMAIL send");
                assertThat(span.attributes()).containsEntry("safereport.case.reference", reference);
            }));

            String traceId = collector.spans().stream()
                    .filter(span -> span.service().equals("intake-service") && span.name().equals("POST /api/v1/reports"))
                    .findFirst().orElseThrow(() -> new AssertionError("no span of the intake request among " + collector.spans()))
                    .traceId();
            List<TraceCollector.ReceivedSpan> trace = collector.spans().stream().filter(span -> span.traceId().equals(traceId)).toList();
            assertThat(trace).as("the report's trace").anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("escalation-service");
                assertThat(span.name()).isEqualTo("reports.submitted.v1 process");
                assertThat(span.attributes()).containsEntry("safereport.event", "report " + reference);
            }).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("notification-service");
                assertThat(span.name()).isEqualTo("notifications.requested.v1 process");
            }).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("notification-service");
                assertThat(span.name()).isEqualTo("EMAIL send");
                assertThat(span.attributes()).containsEntry("safereport.case.reference", reference);
            });
            assertThat(collector.spans()).as("no span says what the report says or who filed it")
                    .allSatisfy(span -> assertThat(span.attributes().values()).noneMatch(value -> value.contains("Jordan")
                            || value.contains("Alex") || value.contains("@") || value.contains("7700900")));
        }
    }

    @Test
    void withNoEndpointNothingIsExportedAndTheTraceContextStillTravels() throws Exception {
        try (ServerSocket defaultEndpoint = listenOnDefaultOtlpPort()) {
            AtomicInteger connections = new AtomicInteger();
            Thread counting = new Thread(() -> countConnections(defaultEndpoint, connections), "otlp-default-port");
            counting.setDaemon(true);
            counting.start();
            String reference;
            try (LocalStack stack = RunningSystem.start(data, Map.of(
                    // An exporter, were one running, would send within a fraction of a second.
                    "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"))) {
                reference = fileReport(stack);
                await().atMost(Duration.ofSeconds(60)).until(() -> emailed(stack, reference));

                String submitted = traceId(lastHeader(stack, "reports.submitted.v1", reference));
                String requested = traceId(lastHeader(stack, "notifications.requested.v1", reference));
                assertThat(requested).as("the notification request's trace, continued from the report's").isEqualTo(submitted);
                Thread.sleep(2_000);
            }
            assertThat(connections).as("connections to the OTLP default port %d", DEFAULT_OTLP_PORT).hasValue(0);
            counting.interrupt();
        }
    }

    private static String fileReport(LocalStack stack) throws Exception {
        HttpResponse<String> response = RunningSystem.fileReport(stack, REPORT);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("reference").asText();
    }

    private static boolean emailed(LocalStack stack, String reference) {
        return stack.mailbox().messages().stream().anyMatch(mail -> mail.subject().contains(reference));
    }

    /** The {@code traceparent} header of the last record on {@code topic} about the report. */
    private static String lastHeader(LocalStack stack, String topic, String reference) {
        List<ConsumerRecord<String, String>> about = new ArrayList<>();
        RunningSystem.readTopic(stack, topic, record -> {
            if (record.value().contains(reference)) {
                about.add(record);
            }
        });
        assertThat(about).as("records on %s about %s", topic, reference).isNotEmpty();
        Header header = about.get(about.size() - 1).headers().lastHeader("traceparent");
        assertThat(header).as("the traceparent header on %s", topic).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The trace id of a W3C traceparent, {@code 00-<trace id>-<span id>-<flags>}. */
    private static String traceId(String traceparent) {
        return traceparent.split("-")[1];
    }

    private static ServerSocket listenOnDefaultOtlpPort() {
        try {
            return new ServerSocket(DEFAULT_OTLP_PORT);
        } catch (IOException e) {
            assumeThat(e).as("port %d is in use on this machine, so whether anything connects to it cannot be told",
                    DEFAULT_OTLP_PORT).isNull();
            throw new IllegalStateException(e);
        }
    }

    private static void countConnections(ServerSocket server, AtomicInteger connections) {
        while (!server.isClosed()) {
            try (Socket ignored = server.accept()) {
                connections.incrementAndGet();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // Another attempt to connect may still come.
            }
        }
    }
}
