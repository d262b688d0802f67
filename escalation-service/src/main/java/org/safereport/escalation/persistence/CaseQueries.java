package org.safereport.escalation.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.TrackState;
import org.safereport.escalation.domain.access.CaseAccess;
import org.safereport.escalation.domain.policy.Role;

import java.time.Instant;
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
     * The most recently opened cases, newest first.
     *
     * @param state only cases in this state, when given
     * @param category only cases of this (routed) category, when given
     */
    @Transactional
    public List<CaseRecord> recent(Optional<CaseState> state, Optional<String> category, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new java.util.HashMap<>();
        state.ifPresent(value -> {
            query.append(" and state = :state");
            parameters.put("state", value);
        });
        if (category.isPresent() && !storable(category.get())) {
            return List.of();
        }
        category.ifPresent(value -> {
            query.append(" and routedCategory = :category");
            parameters.put("category", value);
        });
        List<EscalationCase> cases = EscalationCase.find(query + " order by openedAt desc", parameters).page(0, limit).list();
        return withTracksAndSteps(cases);
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
