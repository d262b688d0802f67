package org.safereport.escalation.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.CaseNote;
import org.safereport.escalation.persistence.CaseSealing;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.TimelineEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Internal notes on a case: for staff only, never shown to the reporter nor published. */
@ApplicationScoped
public class CaseNotes {

    /** A note as staff read it. */
    public record Note(String authorId, Instant writtenAt, String text) {
    }

    private final CaseSealing sealing;
    private final AuditTrail audit;
    private final Clock clock;

    CaseNotes(CaseSealing sealing, AuditTrail audit, Clock clock) {
        this.sealing = sealing;
        this.audit = audit;
        this.clock = clock;
    }

    /** @return {@code false} when the case has been purged: nothing more is written about it */
    @Transactional
    public boolean add(UUID caseId, AuditTrail.Actor author, String text) {
        // Locked, so that a note and the purge that deletes the case's notes do not cross.
        EscalationCase escalationCase = EscalationCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (escalationCase.purgedAt != null) {
            return false;
        }
        Instant now = clock.instant();
        CaseNote note = new CaseNote();
        note.caseId = caseId;
        note.authorId = author.personId();
        note.writtenAt = now;
        note.sealedText = sealing.seal(escalationCase, CaseSealing.Text.NOTE, text);
        note.persist();
        // The timeline says that a note was added; the note's words stay in the notes.
        TimelineEntry.record(caseId, now, "NOTE", "note added by " + author.personId());
        audit.record(author, AuditEntry.Action.ADDED_NOTE, caseId, note.id.toString());
        return true;
    }

    @Transactional
    public List<Note> of(UUID caseId) {
        CaseSealing.Opened texts = sealing.open(EscalationCase.findById(caseId));
        return CaseNote.forCase(caseId).stream().map(note -> new Note(note.authorId, note.writtenAt, texts.text(note))).toList();
    }
}
