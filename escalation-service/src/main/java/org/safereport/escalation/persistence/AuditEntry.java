package org.safereport.escalation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Who read or did what to a case, when and from where. The database refuses to change or delete one. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    /** What was done. The names are stored: add new ones at will, never rename one. */
    public enum Action { VIEWED_REPORT, VIEWED_EVIDENCE, DOWNLOADED_EVIDENCE, ACKNOWLEDGED, ADDED_NOTE, CLOSED, REOPENED,
        EXPORTED_PERSON, SET_LEGAL_HOLD, LIFTED_LEGAL_HOLD, PURGED, MESSAGED_REPORTER, REPORTER_REPLIED,
        REQUESTED_REMOVAL, ANSWERED_REMOVAL, CONFIRMED_REMOVAL, OPENED_REFERRAL, CONFIRMED_POLICY_READ,
        ATTACHED_REMOVAL_EVIDENCE, DOWNLOADED_REMOVAL_EVIDENCE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "person_id", nullable = false)
    public String personId;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false)
    public Action action;

    /** Null only for the entry of a person's export as a whole, and for a confirmation of reading the policy. */
    @Column(name = "case_id")
    public UUID caseId;

    /** What within the case, e.g. an evidence file's id; null for the case as a whole. */
    public String item;

    @Column(name = "client_address")
    public String clientAddress;

    /** For an export, a keyed hash of the address of the person it was about (see V12); null otherwise. */
    @Column(name = "about_digest")
    public String aboutDigest;

    /** Whether the case's trail has {@code action} on {@code item} already, e.g. a reply that was recorded. */
    public static boolean exists(UUID caseId, Action action, String item) {
        return count("caseId = ?1 and action = ?2 and item = ?3", caseId, action, item) > 0;
    }

    public static List<AuditEntry> forCase(UUID caseId) {
        return list("caseId = ?1 order by id", caseId);
    }

    /** What {@code personId} read and did, oldest first. */
    public static List<AuditEntry> byPerson(String personId) {
        return list("personId = ?1 order by id", personId);
    }
}
