package org.safereport.escalation.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.safereport.escalation.domain.trustees.CaseFacts;

import java.time.Instant;
import java.util.List;

/** The facts of the cases reported in a period, for the trustees' report: one query, counts only. */
@ApplicationScoped
public class TrusteesQueries {

    private final EntityManager entityManager;

    TrusteesQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Every case reported from {@code from} (inclusive) to {@code to} (exclusive). "Went overdue" and "reached the
     * end of its chain" come from the timeline's state changes, which stay when a later acknowledgement changes the
     * state again.
     */
    public List<CaseFacts> reportedBetween(Instant from, Instant to) {
        return entityManager.createQuery("""
                        select new org.safereport.escalation.domain.trustees.CaseFacts(c.category, c.submittedAt,
                            (select min(t.acknowledgedAt) from CaseTrack t where t.caseId = c.id),
                            (select min(s.dueAt) from CaseStep s where s.caseId = c.id and s.track = 'category' and s.stepIndex = 0),
                            case when exists (select 1 from TimelineEntry e where e.caseId = c.id and e.kind = 'STATE'
                                and (e.detail like '% -> ESCALATED' or e.detail like '% -> OVERDUE')) then true else false end,
                            case when exists (select 1 from TimelineEntry e where e.caseId = c.id and e.kind = 'STATE'
                                and e.detail like '% -> OVERDUE') then true else false end)
                        from EscalationCase c where c.submittedAt >= :from and c.submittedAt < :to""", CaseFacts.class)
                .setParameter("from", from).setParameter("to", to).getResultList();
    }
}
