package org.safereport.escalation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** One person's invitation to read one policy version, its reminders, and their confirmation (V15). */
@Entity
@Table(name = "policy_reading")
public class PolicyReading extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "policy_version", nullable = false)
    public String policyVersion;

    @Column(name = "person_id", nullable = false)
    public String personId;

    @Column(name = "invited_at", nullable = false)
    public Instant invitedAt;

    @Column(name = "last_sent_at", nullable = false)
    public Instant lastSentAt;

    @Column(name = "reminders_sent", nullable = false)
    public int remindersSent;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    /** The ids of everyone invited to read {@code version}. */
    public static Set<String> invitedTo(String version) {
        return PolicyReading.<PolicyReading>list("policyVersion", version).stream().map(reading -> reading.personId)
                .collect(Collectors.toSet());
    }

    /** The invitations to {@code version} not yet confirmed whose last email was sent at or before {@code sentBy}. */
    public static List<UUID> unconfirmedSentBy(String version, Instant sentBy, int remindersBelow) {
        return PolicyReading.<PolicyReading>list("policyVersion = ?1 and confirmedAt is null and lastSentAt <= ?2 and remindersSent < ?3",
                version, sentBy, remindersBelow).stream().map(reading -> reading.id).toList();
    }

    /** Every invitation to {@code version}. */
    public static List<PolicyReading> of(String version) {
        return list("policyVersion = ?1 order by invitedAt, personId", version);
    }

    /** The versions anyone was invited to read, the latest invitation's first. */
    public static List<String> versions() {
        return getEntityManager().createQuery(
                "select r.policyVersion from PolicyReading r group by r.policyVersion order by max(r.invitedAt) desc", String.class)
                .getResultList();
    }
}
