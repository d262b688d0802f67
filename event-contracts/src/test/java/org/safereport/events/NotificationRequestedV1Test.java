package org.safereport.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.safereport.events.notification.Channel;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.events.notification.Template;
import org.safereport.events.notification.TemplateData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationRequestedV1Test {

    /** As the services' mappers are set up by Quarkus: ISO-8601 strings for dates and instants. */
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final NotificationRequestedV1.Recipient DSL =
            new NotificationRequestedV1.Recipient("dsl", "Riley Carrow", "dsl@example.org", "+447700900103");

    @Test
    void dataIsReadAsTheTypeItsTemplateNames() throws Exception {
        TemplateData.CaseNotice notice = new TemplateData.CaseNotice("A resident made contact", "Urgent - safeguarding",
                "DSL", "1 hour", Instant.parse("2026-11-25T13:00:00Z"), "Wednesday 25 November 2026 at 13:00 GMT", null,
                "Advise the member before they respond.", "https://safereport.example.org/a/K7QP2MXR");
        NotificationRequestedV1 request = NotificationRequestedV1.of(Instant.parse("2026-11-25T12:00:00Z"), UUID.randomUUID(),
                "SM-7KQ4-2M9X", DSL, List.of(Channel.EMAIL, Channel.SMS), Template.ESCALATION, notice, "/ack/token",
                NotificationRequestedV1.Priority.HIGH);

        String json = JSON.writeValueAsString(request);
        NotificationRequestedV1 read = JSON.readValue(json, NotificationRequestedV1.class);

        assertThat(read).isEqualTo(request);
        assertThat(read.problem()).isNull();
        JsonNode wire = JSON.readTree(json);
        assertThat(wire.path("template").asText()).isEqualTo("escalation");
        assertThat(wire.path("channels").toString()).isEqualTo("[\"EMAIL\",\"SMS\"]");
        // The data object keeps the flat form of schema version 1: strings only, absent values left out.
        assertThat(wire.path("data").path("dueAt").asText()).isEqualTo("2026-11-25T13:00:00Z");
        assertThat(wire.path("data").has("timeZone")).isFalse();
    }

    @Test
    void aRequestWrittenBeforeTheTypedContractStillReads() throws Exception {
        String stored = """
                {"eventId":"6a0f1a52-8d0c-4a53-9d57-0c5a3c1c9f10","eventType":"notification.requested","schemaVersion":1,
                 "occurredAt":"2026-11-25T12:00:00Z","requestId":"1f7c2a43-6d3e-4b35-8a55-2a9b2f7c9e01",
                 "caseReference":null,"recipient":{"personId":"chair","name":"Morgan Ellis","email":"chair@example.org","mobile":null},
                 "channels":["EMAIL"],"template":"policy-review",
                 "data":{"policyVersion":"2023.11","approvedOn":"2023-11-01","reviewDue":"2026-11-01","somethingNewer":"x"},
                 "acknowledgementLink":null,"priority":"NORMAL"}""";

        NotificationRequestedV1 read = JSON.readValue(stored, NotificationRequestedV1.class);

        assertThat(read.problem()).isNull();
        assertThat(read.data()).isEqualTo(new TemplateData.PolicyReviewDue("2023.11", LocalDate.of(2023, 11, 1),
                LocalDate.of(2026, 11, 1)));
    }

    @Test
    void anUnknownTemplateMakesTheRequestUnreadable() {
        String json = """
                {"eventType":"notification.requested","schemaVersion":1,"requestId":"1f7c2a43-6d3e-4b35-8a55-2a9b2f7c9e01",
                 "caseReference":"SM-7KQ4-2M9X","channels":["EMAIL"],"template":"birthday-card","data":{}}""";

        assertThatThrownBy(() -> JSON.readValue(json, NotificationRequestedV1.class))
                .hasMessageContaining("there is no template birthday-card");
    }

    @Test
    void dataOfAnotherTemplatesTypeIsRefusedWhenTheRequestIsMade() {
        assertThatThrownBy(() -> NotificationRequestedV1.of(Instant.now(), UUID.randomUUID(), "SM-7KQ4-2M9X", DSL,
                List.of(Channel.EMAIL), Template.RECEIPT, new TemplateData.CaseAcknowledged("x", "y", "DSL"), null,
                NotificationRequestedV1.Priority.NORMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ReportReceipt");
    }

    @Test
    void aCaseTemplateWithoutACaseReferenceIsAProblem() throws Exception {
        String json = """
                {"eventType":"notification.requested","schemaVersion":1,"requestId":"1f7c2a43-6d3e-4b35-8a55-2a9b2f7c9e01",
                 "recipient":{"email":"dsl@example.org"},"channels":["EMAIL"],"template":"new-case","data":{}}""";

        assertThat(JSON.readValue(json, NotificationRequestedV1.class).problem()).contains("caseReference");
    }
}
