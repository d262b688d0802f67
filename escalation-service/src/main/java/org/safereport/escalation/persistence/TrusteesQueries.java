package org.safereport.escalation.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.safereport.escalation.domain.RemovalState;
import org.safereport.escalation.domain.trustees.CaseFacts;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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

    /** How many of the removal requests made from {@code from} to {@code to} stand in each state now. */
    public Map<RemovalState, Integer> removalsRequestedBetween(Instant from, Instant to) {
        Map<RemovalState, Integer> counts = new EnumMap<>(RemovalState.class);
        entityManager.createQuery("""
                        select r.state, count(r) from RemovalRequest r where r.requestedAt >= :from and r.requestedAt < :to
                        group by r.state""", Object[].class)
                .setParameter("from", from).setParameter("to", to).getResultList()
                .forEach(row -> counts.put((RemovalState) row[0], ((Long) row[1]).intValue()));
        return counts;
    }

    /** How many disciplinary referrals were opened from {@code from} to {@code to} for {@code reason}. */
    public int referralsOpenedBetween(Instant from, Instant to, DisciplinaryReferral.Reason reason) {
        return entityManager.createQuery("""
                        select count(d) from DisciplinaryReferral d where d.openedAt >= :from and d.openedAt < :to
                        and d.reason = :reason""", Long.class)
                .setParameter("from", from).setParameter("to", to).setParameter("reason", reason).getSingleResult().intValue();
    }

    /** How many of {@code personIds} have confirmed reading {@code policyVersion}. */
    public int confirmedReading(String policyVersion, Collection<String> personIds) {
        return personIds.isEmpty() ? 0 : entityManager.createQuery("""
                        select count(r) from PolicyReading r where r.policyVersion = :version and r.personId in :people
                        and r.confirmedAt is not null""", Long.class)
                .setParameter("version", policyVersion).setParameter("people", personIds).getSingleResult().intValue();
    }
}
