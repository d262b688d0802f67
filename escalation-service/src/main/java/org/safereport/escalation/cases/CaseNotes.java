package org.safereport.escalation.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.safereport.escalation.audit.AuditTrail;
import org.safereport.escalation.persistence.AuditEntry;
import org.safereport.escalation.persistence.CaseNote;
import org.safereport.escalation.persistence.TimelineEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Internal notes on a case: for staff only, never shown to the reporter nor published. */
@ApplicationScoped
public class CaseNotes {

    private final AuditTrail audit;
    private final Clock clock;

    CaseNotes(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void add(UUID caseId, AuditTrail.Actor author, String text) {
        Instant now = clock.instant();
        CaseNote note = new CaseNote();
        note.caseId = caseId;
        note.authorId = author.personId();
        note.writtenAt = now;
        note.text = text;
        note.persist();
        // The timeline says that a note was added; the note's words stay in the notes.
        TimelineEntry.record(caseId, now, "NOTE", "note added by " + author.personId());
        audit.record(author, AuditEntry.Action.ADDED_NOTE, caseId, note.id.toString());
    }

    @Transactional
    public List<CaseNote> of(UUID caseId) {
        return CaseNote.forCase(caseId);
    }
}
