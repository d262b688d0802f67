package org.safereport.notification.email;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.notification.config.NotificationConfig;
import org.safereport.notification.domain.DueTime;
import org.safereport.notification.domain.PublicLinks;
import org.safereport.notification.domain.Roles;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.events.notification.TemplateData;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Renders a notification as an email from the Qute templates of its kind: {@code email/<name>-subject.txt},
 * {@code email/<name>.txt} and {@code email/<name>.html} (which share {@code email/layout.*}). The templates
 * see only the values below, each a string ("" when the request does not give it), so that a message can
 * show nothing a recipient does not need (rule 7).
 */
@ApplicationScoped
public class EmailRenderer {

    /** One address, nothing that could add a header or a second recipient. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>,;:\"()\\[\\]\\\\@]+@[^\\s<>,;:\"()\\[\\]\\\\@]+\\.[^\\s<>,;:\"()\\[\\]\\\\@]+");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK);

    private final Engine engine;
    private final NotificationConfig config;

    EmailRenderer(Engine engine, NotificationConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /** A message that can never be sent as it is: an unknown template, no usable address. */
    public static class UnsendableException extends RuntimeException {
        public UnsendableException(String message) {
            super(message);
        }
    }

    /** The stable Message-ID of a delivery: the same at every attempt, so a retry is recognisably the same message. */
    public String messageId(UUID deliveryId) {
        return "<" + deliveryId + "@" + config.email().messageIdDomain() + ">";
    }

    public Mail render(NotificationRequestedV1 request, UUID deliveryId) {
        String to = request.recipient().email() == null ? "" : request.recipient().email().strip();
        if (to.isEmpty()) {
            throw new UnsendableException("the recipient has no email address");
        }
        if (!ADDRESS.matcher(to).matches()) {
            throw new UnsendableException("the recipient's email address is not a single valid address");
        }
        Map<String, Object> view = view(request);
        String name = request.template().wireName();
        String subject = oneLine(template(name + "-subject.txt").data(view).render());
        view.put("subject", subject);
        Mail mail = Mail.withHtml(to, subject, template(name + ".html").data(view).render())
                .setText(template(name + ".txt").data(view).render())
                .addHeader("Message-ID", messageId(deliveryId))
                // Mail servers and auto-responders: this is a service message, not a conversation.
                .addHeader("Auto-Submitted", "auto-generated");
        if (urgent(request)) {
            mail.addHeader("Importance", "high").addHeader("X-Priority", "1");
        }
        config.email().replyTo().filter(replyTo -> !replyTo.isBlank()).ifPresent(mail::setReplyTo);
        return mail;
    }

    /** What the templates may show; every key is present, "" when the request does not give it. */
    Map<String, Object> view(NotificationRequestedV1 request) {
        Map<String, Object> view = new HashMap<>();
        for (String key : List.of("urgency", "categoryLabel", "role", "within", "dueLocal", "recipientAction",
                "acknowledgedByRole", "reason", "nowWithRole", "statusUrl", "policyVersion", "reviewDue", "approvedOn",
                "subject", "platform", "location", "significantChange")) {
            view.put(key, "");
        }
        view.put("reference", text(request.caseReference()));
        view.put("recipientName", text(request.recipient().name()));
        view.put("highPriority", urgent(request));
        view.put("acknowledgementLink", PublicLinks.absolute(config.publicBaseUrl(), request.acknowledgementLink()));
        view.put("caseLink", PublicLinks.casePage(config.publicBaseUrl(), request.caseReference()));
        TemplateData data = request.dataOrEmpty();
        if (data instanceof TemplateData.AboutACase aboutACase) {
            view.put("urgency", text(aboutACase.urgency()));
            view.put("categoryLabel", text(aboutACase.categoryLabel()));
        }
        if (data instanceof TemplateData.CaseNotice notice) {
            view.put("role", Roles.describe(notice.role()));
            view.put("within", text(notice.within()));
            view.put("dueLocal", text(DueTime.describe(notice.dueAt(), notice.dueAtLocal(), notice.timeZone())));
            view.put("recipientAction", text(notice.recipientAction()));
        } else if (data instanceof TemplateData.CaseAcknowledged acknowledged) {
            view.put("acknowledgedByRole", Roles.describe(acknowledged.acknowledgedByRole()));
        } else if (data instanceof TemplateData.NobodyReached nobody) {
            view.put("role", Roles.describe(nobody.role()));
            view.put("reason", text(nobody.reason()));
            view.put("nowWithRole", Roles.describe(nobody.nowWithRole()));
        } else if (data instanceof TemplateData.ReportReceipt receipt) {
            view.put("categoryLabel", text(receipt.categoryLabel()));
            view.put("statusUrl", PublicLinks.absolute(config.publicBaseUrl(), receipt.statusUrl()));
        } else if (data instanceof TemplateData.MessageWaiting waiting) {
            view.put("statusUrl", PublicLinks.absolute(config.publicBaseUrl(), waiting.statusUrl()));
        } else if (data instanceof TemplateData.PolicyReviewDue review) {
            view.put("policyVersion", text(review.policyVersion()));
            view.put("reviewDue", date(review.reviewDue()));
            view.put("approvedOn", date(review.approvedOn()));
        } else if (data instanceof TemplateData.QuarterFigures figures) {
            view.put("figures", figures);
            view.put("reportLink", PublicLinks.absolute(config.publicBaseUrl(), figures.reportUrl()));
        } else if (data instanceof TemplateData.PostRemovalRequested removal) {
            view.put("platform", text(removal.platform()));
            view.put("location", text(removal.location()));
            view.put("dueLocal", text(DueTime.describe(removal.dueAt(), removal.dueAtLocal(), null)));
        } else if (data instanceof TemplateData.PostNotRemoved notRemoved) {
            view.put("categoryLabel", text(notRemoved.categoryLabel()));
            view.put("dueLocal", text(notRemoved.dueAtLocal()));
        } else if (data instanceof TemplateData.DisciplinaryReferralOpened referral) {
            view.put("categoryLabel", text(referral.categoryLabel()));
            view.put("reason", text(referral.reason()));
        } else if (data instanceof TemplateData.PolicyToRead toRead) {
            view.put("policyVersion", text(toRead.policyVersion()));
            view.put("significantChange", text(toRead.significantChange()));
            view.put("reminder", toRead.reminder());
        }
        if (view.get("urgency").equals("")) {
            view.put("urgency", "Action needed");
        }
        return view;
    }

    /** A high-priority request that asks for a response; "someone has it" and receipts are never flagged urgent. */
    private static boolean urgent(NotificationRequestedV1 request) {
        return request.isHighPriority() && request.template().asksForResponse();
    }

    private Template template(String name) {
        Template template = engine.getTemplate("email/" + name);
        if (template == null) {
            throw new UnsendableException("there is no email template " + name);
        }
        return template;
    }

    /** A date as people write it: "1 November 2026". */
    private static String date(LocalDate value) {
        return value == null ? "" : DATE.format(value);
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    /** A subject is one line: a line break in a value must not start a header. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").replaceAll(" {2,}", " ").strip();
    }
}
