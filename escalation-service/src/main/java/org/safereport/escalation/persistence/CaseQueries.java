package org.safereport.escalation.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.TrackState;
import org.safereport.escalation.domain.access.CaseAccess;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Role;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads cases for the staff API, each with its tracks and steps, in a fixed number of queries. */
@ApplicationScoped
public class CaseQueries {

    /** A case with its chains and their steps. */
    public record CaseRecord(EscalationCase escalationCase, List<CaseTrack> tracks, List<CaseStep> steps) {

        public CaseAccess.CaseFacts accessFacts() {
            return new CaseAccess.CaseFacts(escalationCase.subjectPersonId,
                    steps.stream().map(step -> Role.valueOf(step.role)).collect(Collectors.toSet()),
                    steps.stream().filter(step -> step.notifiedAt != null).map(step -> step.personId).collect(Collectors.toSet()));
        }

        /** A chain is waiting past its deadline, or has run out. */
        public boolean isOverdue(Instant now) {
            return escalationCase.state == CaseState.OVERDUE || tracks.stream().anyMatch(track ->
                    track.state == TrackState.NOTIFIED && track.nextDueAt != null && track.nextDueAt.isBefore(now));
        }
    }

    /** The full record of one case: its notifications, their outcomes and its timeline. */
    public record CaseHistory(CaseRecord record, List<NotificationRecord> notifications,
                              Map<UUID, List<NotificationOutcome>> outcomes, List<TimelineEntry> timeline) {
    }

    /**
     * Which cases to list.
     *
     * @param state only cases in this state, when given
     * @param category only cases of this (routed) category, when given
     * @param overdue only overdue cases (true) or only the others (false), when given
     */
    public record Filter(Optional<CaseState> state, Optional<String> category, Optional<Boolean> overdue) {

        public static final Filter NONE = new Filter(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** One page of a list, and how many cases the whole list has. */
    public record Page(List<CaseRecord> cases, long total) {
    }

    /** Visible to the viewer, as {@link CaseAccess#canSee} decides for one case: the same rule, as a query. */
    private static final String VISIBLE = "(c.subjectPersonId is null or c.subjectPersonId <> :viewer)"
            + " and (:everything = true"
            + " or (:safeguardingLead = true and exists (select s.id from CaseStep s where s.caseId = c.id and s.role in :safeguardingRoles))"
            + " or exists (select s.id from CaseStep s where s.caseId = c.id and s.personId = :viewer and s.notifiedAt is not null))";

    private static final String OVERDUE = "(c.state = :overdueState or exists (select t.id from CaseTrack t where t.caseId = c.id"
            + " and t.state = :notifiedTrack and t.nextDueAt < :now))";

    /**
     * The cases {@code viewer} may see, newest first, a page at a time: who may see what is applied in the query,
     * so that a page is full whenever more visible cases exist.
     *
     * @param page from 0
     */
    @Transactional
    public Page visibleTo(Person viewer, Filter filter, Instant now, int page, int pageSize) {
        if (filter.category().isPresent() && !storable(filter.category().get())) {
            return new Page(List.of(), 0);
        }
        StringBuilder where = new StringBuilder(VISIBLE);
        Map<String, Object> parameters = new HashMap<>(visibility(viewer));
        filter.state().ifPresent(state -> {
            where.append(" and c.state = :state");
            parameters.put("state", state);
        });
        filter.category().ifPresent(category -> {
            where.append(" and c.routedCategory = :category");
            parameters.put("category", category);
        });
        filter.overdue().ifPresent(overdue -> {
            where.append(overdue ? " and " : " and not ").append(OVERDUE);
            parameters.put("overdueState", CaseState.OVERDUE);
            parameters.put("notifiedTrack", TrackState.NOTIFIED);
            parameters.put("now", now);
        });
        long total = count(where.toString(), parameters);
        List<EscalationCase> cases = query("select c from EscalationCase c where " + where + " order by c.openedAt desc, c.id",
                EscalationCase.class, parameters).setFirstResult(page * pageSize).setMaxResults(pageSize).getResultList();
        return new Page(withTracksAndSteps(cases), total);
    }

    /**
     * The open cases that wait for {@code viewer}: a chain they were told about has nobody on it yet. The soonest
     * deadline first.
     */
    @Transactional
    public List<CaseRecord> waitingFor(Person viewer, int limit) {
        Map<String, Object> parameters = new HashMap<>(visibility(viewer));
        parameters.put("waiting", List.of(TrackState.NOTIFIED, TrackState.OVERDUE));
        String waiting = VISIBLE + " and exists (select s.id from CaseStep s, CaseTrack t where s.caseId = c.id and t.caseId = c.id"
                + " and t.name = s.track and t.state in :waiting and s.personId = :viewer and s.notifiedAt is not null)";
        List<EscalationCase> cases = query("select c from EscalationCase c where " + waiting
                + " order by (select min(t.nextDueAt) from CaseTrack t where t.caseId = c.id) asc nulls last, c.openedAt",
                EscalationCase.class, parameters).setMaxResults(limit).getResultList();
        return withTracksAndSteps(cases);
    }

    private static Map<String, Object> visibility(Person viewer) {
        return Map.of("viewer", viewer.id(),
                "everything", viewer.holds(Role.CHIEF_EXECUTIVE),
                "safeguardingLead", viewer.holds(Role.DSL) || viewer.holds(Role.DEPUTY_DSL),
                "safeguardingRoles", List.of(Role.DSL.name(), Role.DEPUTY_DSL.name()));
    }

    private static long count(String where, Map<String, Object> parameters) {
        return query("select count(c) from EscalationCase c where " + where, Long.class, parameters).getSingleResult();
    }

    private static <T> TypedQuery<T> query(String jpql, Class<T> type, Map<String, Object> parameters) {
        TypedQuery<T> query = EscalationCase.getEntityManager().createQuery(jpql, type);
        parameters.forEach(query::setParameter);
        return query;
    }

    @Transactional
    public Optional<CaseHistory> history(UUID caseId) {
        EscalationCase escalationCase = EscalationCase.findById(caseId);
        if (escalationCase == null) {
            return Optional.empty();
        }
        List<NotificationRecord> notifications = NotificationRecord.list("caseId = ?1 order by requestedAt", caseId);
        List<UUID> requestIds = notifications.stream().map(request -> request.requestId).toList();
        Map<UUID, List<NotificationOutcome>> outcomes = requestIds.isEmpty() ? Map.of()
                : NotificationOutcome.<NotificationOutcome>list("key.requestId in ?1", requestIds).stream()
                .collect(Collectors.groupingBy(outcome -> outcome.key.requestId()));
        return Optional.of(new CaseHistory(withTracksAndSteps(List.of(escalationCase)).get(0), notifications, outcomes,
                TimelineEntry.forCase(caseId)));
    }

    @Transactional
    public Optional<CaseHistory> historyByReference(String reference) {
        if (!storable(reference)) {
            return Optional.empty();
        }
        return EscalationCase.<EscalationCase>find("reference", reference).firstResultOptional()
                .flatMap(escalationCase -> history(escalationCase.id));
    }

    /**
     * Whether {@code text} could be stored: PostgreSQL text holds no NUL character, so no case has one in
     * its reference or category, and a query with one fails rather than finding nothing.
     */
    private static boolean storable(String text) {
        return text.indexOf('\u0000') < 0;
    }

    private static List<CaseRecord> withTracksAndSteps(List<EscalationCase> cases) {
        if (cases.isEmpty()) {
            return List.of();
        }
        Set<UUID> ids = cases.stream().map(escalationCase -> escalationCase.id).collect(Collectors.toSet());
        Map<UUID, List<CaseTrack>> tracks = CaseTrack.<CaseTrack>list("caseId in ?1 order by name", ids).stream()
                .collect(Collectors.groupingBy(track -> track.caseId));
        Map<UUID, List<CaseStep>> steps = CaseStep.<CaseStep>list("caseId in ?1 order by track, stepIndex", ids).stream()
                .collect(Collectors.groupingBy(step -> step.caseId));
        return cases.stream().map(escalationCase -> new CaseRecord(escalationCase,
                tracks.getOrDefault(escalationCase.id, List.of()), steps.getOrDefault(escalationCase.id, List.of()))).toList();
    }
}
