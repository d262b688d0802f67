package org.safereport.escalation.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.safereport.escalation.persistence.AuditEntry;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail of every case: who read the report or its evidence, and who acknowledged, noted, closed or
 * reopened it, from which address. An action's entry is written in the action's own transaction, so that
 * neither exists without the other; a view's entry is written before the content is shown.
 */
@ApplicationScoped
public class AuditTrail {

    private final Clock clock;

    AuditTrail(Clock clock) {
        this.clock = clock;
    }

    /**
     * Who is acting, as the request shows them.
     *
     * @param clientAddress the browser's address, as the service sees it behind the Ingress
     */
    public record Actor(String personId, String clientAddress) {
    }

    /** @param item what within the case, e.g. an evidence file's id; null for the case as a whole */
    @Transactional
    public void record(Actor actor, AuditEntry.Action action, UUID caseId, String item) {
        entry(actor, action, caseId, item).persist();
    }

    /**
     * A person's export, before any of it is sent: an entry on each case it includes, naming the export, and one
     * for the export as a whole with what it holds ({@code summary}) and whom it is about ({@code aboutDigest}).
     */
    @Transactional
    public void recordExport(Actor actor, UUID exportId, String aboutDigest, String summary, List<UUID> caseIds) {
        String item = "export " + exportId;
        caseIds.forEach(caseId -> entry(actor, AuditEntry.Action.EXPORTED_PERSON, caseId, item).persist());
        AuditEntry whole = entry(actor, AuditEntry.Action.EXPORTED_PERSON, null, item + ": " + summary);
        whole.aboutDigest = aboutDigest;
        whole.persist();
    }

    private AuditEntry entry(Actor actor, AuditEntry.Action action, UUID caseId, String item) {
        AuditEntry entry = new AuditEntry();
        entry.at = clock.instant();
        entry.personId = actor.personId();
        entry.action = action;
        entry.caseId = caseId;
        entry.item = item;
        entry.clientAddress = actor.clientAddress();
        return entry;
    }

    @Transactional
    public List<AuditEntry> of(UUID caseId) {
        return AuditEntry.forCase(caseId);
    }
}
