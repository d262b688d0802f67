package org.safereport.escalation.removal;

import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.escalation.cases.CaseNotifications;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.config.EscalationConfig;
import org.safereport.escalation.domain.RemovalToken;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.persistence.CaseSealing;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.RemovalRequest;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.events.notification.Template;
import org.safereport.events.notification.TemplateData;

import java.util.Optional;

/** The emails to the person asked to remove a post: the request and its reminder, each with the link to answer. */
@ApplicationScoped
class RemovalMessages {

    private final CaseNotifications notifications;
    private final CaseSealing sealing;
    private final ActivePolicy activePolicy;
    private final EscalationConfig config;

    RemovalMessages(CaseNotifications notifications, CaseSealing sealing, ActivePolicy activePolicy, EscalationConfig config) {
        this.notifications = notifications;
        this.sealing = sealing;
        this.activePolicy = activePolicy;
        this.config = config;
    }

    /** Asks the request's person to remove the post ({@code removal-request}), or reminds them ({@code removal-reminder}). */
    void ask(Template template, EscalationCase escalationCase, RemovalRequest request) {
        CaseSealing.Opened texts = sealing.open(escalationCase);
        TemplateData data = new TemplateData.PostRemovalRequested(texts.text(request.sealedPlatform, CaseSealing.Text.REMOVAL_PLATFORM),
                texts.text(request.sealedLocation, CaseSealing.Text.REMOVAL_LOCATION), request.dueAt,
                activePolicy.policy().calendar().describe(request.dueAt));
        // Valid past the deadline, so that the page can still say what became of the request.
        RemovalToken token = new RemovalToken(request.id, request.dueAt.plus(config.acknowledgement().linkValidity()));
        notifications.tellAboutCase(escalationCase, "removal/" + request.id, recipient(request, texts), template, data,
                "/removal/" + token.sign(config.acknowledgement().signingKeyBytes()));
    }

    /** The person asked: a directory member, or someone outside reached at the address staff gave. */
    private NotificationRequestedV1.Recipient recipient(RemovalRequest request, CaseSealing.Opened texts) {
        Optional<Person> member = Optional.ofNullable(request.askedPersonId).flatMap(activePolicy.directory()::byId);
        return member.map(CaseNotifications::recipient).orElseGet(() -> new NotificationRequestedV1.Recipient(null, null,
                texts.text(request.sealedAskedEmail, CaseSealing.Text.REMOVAL_ASKED_EMAIL), null));
    }

    /** Who was asked, for the timeline: a directory id, which the page reads out as a name; never an outside address. */
    static String asked(RemovalRequest request) {
        return request.askedPersonId != null ? request.askedPersonId : "someone outside the directory";
    }

    /** How the timeline names a request. */
    static String named(RemovalRequest request) {
        return "removal request " + request.number;
    }
}
