package org.safereport.escalation.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.RemovalState;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.persistence.RemovalEvidence;
import org.safereport.escalation.removal.RemovalRequests;
import org.safereport.files.FileType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A case's removal requests as the case page shows them to one person, and the form that records a new one. */
@ApplicationScoped
public class RemovalRequestViews {

    /** What a datetime-local field sends and shows. */
    private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

    private final CaseViewsForPeople views;
    private final ActivePolicy activePolicy;

    RemovalRequestViews(CaseViewsForPeople views, ActivePolicy activePolicy) {
        this.views = views;
        this.activePolicy = activePolicy;
    }

    /**
     * @param status a short word for the tag; {@code statusLine} says it in full
     * @param awaitsConfirmation whether the person asked says it is removed and staff are to check
     * @param evidence the screenshot staff attached when they confirmed it, in words ("PNG image, 12 KB"); null for none
     */
    public record Request(int number, String platform, String location, String owner, String asked, String requested,
                          String due, String status, boolean warning, String statusLine, String refusalReason,
                          String referral, boolean awaitsConfirmation, String evidence) {

        /** The confirm form's file field, one per request on the page. */
        public String evidenceField() {
            return "evidence-" + number;
        }
    }

    /** The form: the directory to pick people from, and the deadline it starts with, in the viewer's time zone. */
    public record Form(List<Choice> people, String defaultDue, String zone, String defaultWithin) {
    }

    public record Choice(String value, String label) {
    }

    List<Request> requests(List<RemovalRequests.Shown> shown, Person viewer) {
        LocalTimes times = views.times(viewer);
        Directory directory = activePolicy.directory();
        return shown.stream().map(request -> {
            String owner = request.ownerPersonId() != null ? CaseViewsForPeople.name(directory, request.ownerPersonId())
                    : request.ownerName() != null ? request.ownerName() + " (outside the directory)" : "Not known";
            String asked = request.askedPersonId() != null ? CaseViewsForPeople.name(directory, request.askedPersonId())
                    : request.askedEmail() + " (outside the directory)";
            String requested = CaseViewsForPeople.name(directory, request.requestedBy()) + ", " + times.describe(request.requestedAt());
            String status = switch (request.state()) {
                case REQUESTED -> "Waiting";
                case REMOVED -> "Removed, to check";
                case CONFIRMED -> "Removed";
                case REFUSED -> "Refused";
                case NOT_REMOVED -> "Not removed";
            };
            String statusLine = switch (request.state()) {
                case REQUESTED -> "Waiting for an answer from " + asked + ".";
                case REMOVED -> "They said it is removed, " + times.describe(request.answeredAt()) + ". Check that it is gone, then confirm.";
                case CONFIRMED -> "They said it is removed, " + times.describe(request.answeredAt()) + "; "
                        + CaseViewsForPeople.name(directory, request.confirmedBy()) + " checked that it is gone, "
                        + times.describe(request.confirmedAt()) + ".";
                case REFUSED -> "They said they cannot or will not remove it, " + times.describe(request.answeredAt()) + ".";
                case NOT_REMOVED -> "No answer by the deadline: the people told on the case were told.";
            };
            RemovalRequests.Referral referral = request.referral();
            String referralLine = referral == null ? null : "Opened " + times.describe(referral.openedAt()) + ", with "
                    + CaseViewsForPeople.name(directory, referral.referredTo()) + ", the " + Role.valueOf(referral.referredToRole()).label() + ".";
            RemovalEvidence.Attached evidence = request.evidence();
            String evidenceLine = evidence == null ? null : FileType.ofMediaType(evidence.mediaType()).orElseThrow().name()
                    + " image, " + CaseViewsForPeople.size(evidence.sizeBytes());
            return new Request(request.number(), request.platform(), request.location(), owner, asked, requested,
                    times.describe(request.dueAt()), status,
                    request.state() == RemovalState.REFUSED || request.state() == RemovalState.NOT_REMOVED, statusLine,
                    request.refusalReason(), referralLine, request.state() == RemovalState.REMOVED, evidenceLine);
        }).toList();
    }

    Form form(Person viewer, Instant now, Duration defaultWithin) {
        LocalTimes times = views.times(viewer);
        List<Choice> people = activePolicy.directory().people().stream().sorted(Comparator.comparing(Person::name))
                .map(person -> new Choice(person.id(), person.name())).toList();
        Instant due = now.plus(defaultWithin).truncatedTo(ChronoUnit.MINUTES);
        return new Form(people, FIELD.format(due.atZone(times.zone())), times.zone().getId(), LocalTimes.amount(defaultWithin));
    }

    boolean inDirectory(String personId) {
        return activePolicy.directory().byId(personId).isPresent();
    }

    /** A datetime-local value in the viewer's time zone; empty when it is not one. */
    Optional<Instant> due(String value, Person viewer) {
        try {
            return Optional.of(LocalDateTime.parse(value.strip(), FIELD).atZone(views.times(viewer).zone()).toInstant());
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
