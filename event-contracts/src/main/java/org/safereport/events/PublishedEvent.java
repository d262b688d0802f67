package org.safereport.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event has (the README's event table is the contract): a unique id that consumers use to drop
 * duplicates, its type and schema version, when it happened, the topic it is published on, and the checks
 * that tell a consumer whether it can ever be handled.
 */
public interface PublishedEvent {

    /**
     * An event's name, schema version and the topic that version is published on; a breaking change is a new
     * topic. Read once per record class from its constants {@code TOPIC}, {@code TYPE} and {@code SCHEMA_VERSION},
     * which every event record declares (the README's event table and the Kubernetes checks read them too).
     */
    record Contract(String topic, String type, int schemaVersion) {

        private static final ClassValue<Contract> OF_EVENT = new ClassValue<>() {
            @Override
            protected Contract computeValue(Class<?> event) {
                try {
                    return new Contract((String) event.getField("TOPIC").get(null), (String) event.getField("TYPE").get(null),
                            event.getField("SCHEMA_VERSION").getInt(null));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(event.getName() + " lacks its TOPIC, TYPE or SCHEMA_VERSION constant", e);
                }
            }
        };

        static Contract of(Class<? extends PublishedEvent> event) {
            return OF_EVENT.get(event);
        }
    }

    UUID eventId();

    String eventType();

    int schemaVersion();

    Instant occurredAt();

    default Contract contract() {
        return Contract.of(getClass());
    }

    /** What the event is about in a log line, e.g. "report SM-7KQ4-2M9X"; never personal data. */
    String describe();

    /** Why this event's fields can never be handled, or {@code null} when they can; never quotes personal data. */
    String fieldProblem();

    default String topic() {
        return contract().topic();
    }

    /** Why this event can never be handled (another type or version, or {@link #fieldProblem()}), or {@code null}. */
    default String problem() {
        Contract contract = contract();
        if (!contract.type().equals(eventType()) || schemaVersion() != contract.schemaVersion()) {
            return "not a " + contract.type() + " v" + contract.schemaVersion() + " event: " + eventType() + " v" + schemaVersion();
        }
        return fieldProblem();
    }
}
