package org.safereport.escalation.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.escalation.conversation.ReporterConversation;
import org.safereport.events.ReportReplyReceivedV1;
import org.safereport.messaging.consumer.EventReader;

/** The reporter's answers on their status page, from {@code reports.replies.v1}: the case's handler is told. */
@ApplicationScoped
public class ReporterReplyConsumer {

    private final EventReader events;
    private final ReporterConversation conversation;

    ReporterReplyConsumer(EventReader events, ReporterConversation conversation) {
        this.events = events;
        this.conversation = conversation;
    }

    @Incoming("reports-replies")
    @Blocking
    public void onReply(ConsumerRecord<String, String> record) {
        events.handle(record, ReportReplyReceivedV1.class, conversation::replyReceived);
    }
}
