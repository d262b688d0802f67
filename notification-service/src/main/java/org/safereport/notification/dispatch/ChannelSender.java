package org.safereport.notification.dispatch;

import org.safereport.notification.domain.AttemptOutcome;
import org.safereport.events.notification.Channel;
import org.safereport.events.notification.NotificationRequestedV1;

import java.util.UUID;

/**
 * Makes one attempt to send a notification on one channel and says how it went. It neither retries nor
 * records anything: the {@link DeliveryDispatcher} does that the same way for every channel.
 */
public interface ChannelSender {

    Channel channel();

    /**
     * Sends, blocking the calling thread for at most the channel's {@code send-timeout}.
     *
     * @param deliveryId the delivery being attempted, the same at every attempt (e.g. for a stable Message-ID)
     * @return {@link AttemptOutcome.Sent}, or {@link AttemptOutcome.Failed} classified as permanent or transient;
     *         an exception it throws counts as a transient failure
     */
    AttemptOutcome send(NotificationRequestedV1 request, UUID deliveryId);
}
