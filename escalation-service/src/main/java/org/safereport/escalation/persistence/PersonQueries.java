package org.safereport.escalation.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads everything this service holds that concerns one person, for the export of a person's data: the cases of
 * the reports they are in, and, when they are in the people directory, the cases they are named on, were told
 * of, acknowledged, wrote on, closed or reopened, and what they read and did; and the removal requests that asked them,
 * whether or not they are in it. One transaction, one snapshot.
 */
@ApplicationScoped
public class PersonQueries {

    /** The cases found, each with all of its rows, the person's own audit entries, and the removal requests that asked them. */
    public record Held(List<CaseRows> cases, List<AuditEntry> actions, Map<UUID, String> referencesOfActions,
                       List<AskedToRemove> removals) {
    }

    /** A removal request that asked the person, with its case (whose data key seals its texts). */
    public record AskedToRemove(EscalationCase escalationCase, RemovalRequest request) {
    }

    /** One case and its rows; the export picks from them what concerns the person. */
    public record CaseRows(EscalationCase escalationCase, List<CaseTrack> tracks, List<CaseStep> steps, List<CaseNote> notes,
                           List<TimelineEntry> timeline, List<NotificationRecord> notifications,
                           Map<UUID, List<NotificationOutcome>> outcomes) {
    }

    /**
     * @param reportIds the reports intake found the person in
     * @param personId their id in the people directory, when they are in it
     * @param emailDigest the keyed hash of their address, as removal requests keep it
     */
    @Transactional
    public Held concerning(Collection<UUID> reportIds, Optional<String> personId, byte[] emailDigest) {
        Set<UUID> caseIds = new LinkedHashSet<>();
        if (!reportIds.isEmpty()) {
            caseIds.addAll(ids("select c.id from EscalationCase c where c.reportId in ?1", reportIds));
        }
        personId.ifPresent(id -> {
            caseIds.addAll(ids("select c.id from EscalationCase c where c.subjectPersonId = ?1 or c.reporterPersonId = ?1"
                    + " or c.closedBy = ?1 or c.reopenedBy = ?1", id));
            caseIds.addAll(ids("select s.caseId from CaseStep s where s.personId = ?1 and s.notifiedAt is not null", id));
            caseIds.addAll(ids("select t.caseId from CaseTrack t where t.acknowledgedBy = ?1", id));
            caseIds.addAll(ids("select n.caseId from CaseNote n where n.authorId = ?1", id));
            caseIds.addAll(ids("select r.caseId from NotificationRecord r where r.personId = ?1", id));
        });
        List<CaseRows> cases = caseIds.isEmpty() ? List.of() : rowsOf(caseIds);
        List<AuditEntry> actions = personId.map(AuditEntry::byPerson).orElse(List.of());
        Set<UUID> actedOn = actions.stream().map(entry -> entry.caseId).filter(id -> id != null).collect(Collectors.toSet());
        Map<UUID, String> references = actedOn.isEmpty() ? Map.of() : EscalationCase.<EscalationCase>list("id in ?1", actedOn)
                .stream().collect(Collectors.toMap(escalationCase -> escalationCase.id, escalationCase -> escalationCase.reference));
        List<AskedToRemove> removals = RemovalRequest.asking(personId.orElse(null), emailDigest).stream()
                .map(request -> new AskedToRemove(EscalationCase.findById(request.caseId), request)).toList();
        return new Held(cases, actions, references, removals);
    }

    private static List<CaseRows> rowsOf(Set<UUID> caseIds) {
        Map<UUID, List<CaseTrack>> tracks = byCase(CaseTrack.<CaseTrack>list("caseId in ?1 order by name", caseIds), track -> track.caseId);
        Map<UUID, List<CaseStep>> steps = byCase(CaseStep.<CaseStep>list("caseId in ?1 order by track, stepIndex, personId", caseIds),
                step -> step.caseId);
        Map<UUID, List<CaseNote>> notes = byCase(CaseNote.<CaseNote>list("caseId in ?1 order by id", caseIds), note -> note.caseId);
        Map<UUID, List<TimelineEntry>> timeline = byCase(TimelineEntry.<TimelineEntry>list("caseId in ?1 order by id", caseIds),
                entry -> entry.caseId);
        List<NotificationRecord> requests = NotificationRecord.list("caseId in ?1 order by requestedAt", caseIds);
        Map<UUID, List<NotificationOutcome>> outcomes = requests.isEmpty() ? Map.of()
                : NotificationOutcome.<NotificationOutcome>list("key.requestId in ?1",
                        requests.stream().map(request -> request.requestId).toList()).stream()
                .collect(Collectors.groupingBy(outcome -> outcome.key.requestId()));
        Map<UUID, List<NotificationRecord>> notifications = byCase(requests, request -> request.caseId);
        return EscalationCase.<EscalationCase>list("id in ?1 order by submittedAt, reference", caseIds).stream()
                .map(escalationCase -> new CaseRows(escalationCase, of(tracks, escalationCase.id), of(steps, escalationCase.id),
                        of(notes, escalationCase.id), of(timeline, escalationCase.id), of(notifications, escalationCase.id), outcomes))
                .toList();
    }

    private static List<UUID> ids(String jpql, Object parameter) {
        return EscalationCase.getEntityManager().createQuery(jpql, UUID.class).setParameter(1, parameter).getResultList();
    }

    private static <T> Map<UUID, List<T>> byCase(List<T> rows, java.util.function.Function<T, UUID> caseId) {
        return rows.stream().collect(Collectors.groupingBy(caseId));
    }

    private static <T> List<T> of(Map<UUID, List<T>> rows, UUID caseId) {
        return rows.getOrDefault(caseId, List.of());
    }
}
