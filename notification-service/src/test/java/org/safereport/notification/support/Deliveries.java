package org.safereport.notification.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.safereport.notification.persistence.Delivery;

import java.util.List;
import java.util.UUID;

/** Reads the delivery rows, each read in its own transaction (tests poll from Awaitility's threads). */
public final class Deliveries {

    private Deliveries() {
    }

    public static List<Delivery> ofRequest(UUID requestId) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list("requestId", requestId));
    }

    public static Delivery ofRequest(UUID requestId, String channel) {
        return QuarkusTransaction.requiringNew().call(() ->
                Delivery.<Delivery>find("requestId = ?1 and channel = ?2", requestId, channel).firstResult());
    }

    public static List<Delivery> ofCases(List<String> references) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list("caseReference in ?1", references));
    }
}
