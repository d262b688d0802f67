package org.safereport.events;

import org.junit.jupiter.api.Test;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.events.notification.NotificationStatusV1;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedEventTest {

    @Test
    void eachEventsContractIsReadFromItsConstants() {
        ReportSubmittedV1 report = ReportSubmittedV1.of(UUID.randomUUID(), "SM-7KQ4-2M9X", "GRIEVANCE", false, null, null, 0,
                Instant.parse("2026-11-25T12:00:00Z"));

        assertThat(report.contract()).isEqualTo(new PublishedEvent.Contract("reports.submitted.v1", "report.submitted", 1));
        assertThat(report.topic()).isEqualTo(ReportSubmittedV1.TOPIC);
        assertThat(PublishedEvent.Contract.of(NotificationRequestedV1.class).topic()).isEqualTo("notifications.requested.v1");
        assertThat(PublishedEvent.Contract.of(NotificationStatusV1.class).type()).isEqualTo("notification.status");
        assertThat(PublishedEvent.Contract.of(CaseStatusV1.class).schemaVersion()).isEqualTo(1);
        assertThat(PublishedEvent.Contract.of(PolicyPublishedV1.class).topic()).isEqualTo("policy.public.v1");
        assertThat(PublishedEvent.Contract.of(CasePurgedV1.class).topic()).isEqualTo("cases.purged.v1");
        assertThat(PublishedEvent.Contract.of(ReportReplyReceivedV1.class).type()).isEqualTo("report.reply-received");
    }

    @Test
    void anEventOfAnotherTypeOrVersionIsAProblem() {
        ReportSubmittedV1 report = new ReportSubmittedV1(UUID.randomUUID(), "report.submitted", 2, Instant.now(),
                UUID.randomUUID(), "SM-7KQ4-2M9X", "GRIEVANCE", false, null, null, 0, Instant.now());

        assertThat(report.problem()).isEqualTo("not a report.submitted v1 event: report.submitted v2");
    }
}
