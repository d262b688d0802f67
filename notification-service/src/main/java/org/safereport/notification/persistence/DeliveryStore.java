package org.safereport.notification.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.events.notification.Channel;
import org.safereport.notification.domain.DeliveryState;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.messaging.tracing.TraceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** Records a notification request as one delivery per channel, once, whatever the redelivery. */
@ApplicationScoped
public class DeliveryStore {

    private static final Logger LOG = Logger.getLogger(DeliveryStore.class);

    private final Event<DeliveriesAccepted> accepted;
    private final Clock clock;

    DeliveryStore(Event<DeliveriesAccepted> accepted, Clock clock) {
        this.accepted = accepted;
        this.clock = clock;
    }

    /** Fired in the accepting transaction; the dispatcher starts on these channels after the commit. */
    public record DeliveriesAccepted(Set<Channel> channels) {
    }

    @Transactional
    public void accept(NotificationRequestedV1 request, String requestJson) {
        Instant now = clock.instant();
        Set<Channel> added = EnumSet.noneOf(Channel.class);
        TraceContext trace = TraceContext.current();
        for (Channel channel : new LinkedHashSet<>(request.channels())) {
            // The unique (request_id, channel) constraint is the guarantee; this check spares a failed insert.
            if (Delivery.exists(request.requestId(), channel.name())) {
                continue;
            }
            Delivery delivery = new Delivery();
            delivery.id = UUID.randomUUID();
            delivery.requestId = request.requestId();
            delivery.channel = channel.name();
            delivery.caseReference = request.caseReference();
            delivery.template = request.template().wireName();
            delivery.request = requestJson;
            delivery.state = DeliveryState.PENDING;
            delivery.nextAttemptAt = now;
            delivery.createdAt = now;
            delivery.traceparent = trace.traceparent();
            delivery.tracestate = trace.tracestate();
            delivery.persist();
            added.add(channel);
        }
        if (!added.isEmpty()) {
            LOG.infof("Notification %s (%s) for case %s accepted on %s", request.requestId(), request.template().wireName(),
                    request.caseReference(), added);
            accepted.fire(new DeliveriesAccepted(added));
        } else {
            LOG.infof("Notification %s for case %s was already accepted: nothing more to send", request.requestId(),
                    request.caseReference());
        }
    }
}
