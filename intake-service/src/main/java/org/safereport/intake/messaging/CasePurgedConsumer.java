package org.safereport.intake.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safereport.events.CasePurgedV1;
import org.safereport.intake.retention.ReportPurging;
import org.safereport.messaging.consumer.EventReader;

/** Removes a report's content when its case is purged, from {@code cases.purged.v1}. */
@ApplicationScoped
public class CasePurgedConsumer {

    private final EventReader events;
    private final ReportPurging purging;

    CasePurgedConsumer(EventReader events, ReportPurging purging) {
        this.events = events;
        this.purging = purging;
    }

    @Incoming("cases-purged")
    @Blocking
    public void onCasePurged(ConsumerRecord<String, String> record) {
        events.handle(record, CasePurgedV1.class, purging::purge);
    }
}
