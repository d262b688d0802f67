package org.safereport.notification.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.safereport.notification.messaging.NotificationRequested;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Renders a notification as an email from the Qute templates named after the request's template:
 * {@code <name>-subject.txt}, {@code <name>.txt} and {@code <name>.html}.
 */
@ApplicationScoped
public class EmailMessages {

    private final Engine engine;
    private final String messageIdDomain;
    private final Optional<String> replyTo;

    EmailMessages(Engine engine,
                  @ConfigProperty(name = "notification.email.message-id-domain", defaultValue = "safereport.invalid") String messageIdDomain,
                  @ConfigProperty(name = "notification.email.reply-to") Optional<String> replyTo) {
        this.engine = engine;
        this.messageIdDomain = messageIdDomain;
        this.replyTo = replyTo;
    }

    /** A message the template set does not know, or a recipient without email, can never be sent. */
    public static class UnsendableException extends RuntimeException {
        public UnsendableException(String message) {
            super(message);
        }
    }

    public Mail render(NotificationRequested request, UUID deliveryId) {
        if (request.recipient().email() == null || request.recipient().email().isBlank()) {
            throw new UnsendableException("the recipient has no email address");
        }
        Map<String, Object> data = Map.of(
                "reference", request.caseReference(),
                "recipient", request.recipient(),
                "data", request.data() == null ? Map.of() : request.data(),
                "acknowledgementLink", Optional.ofNullable(request.acknowledgementLink()).orElse(""));
        Mail mail = Mail.withHtml(request.recipient().email(),
                        template(request.template() + "-subject.txt").data(data).render().strip(),
                        template(request.template() + ".html").data(data).render())
                .setText(template(request.template() + ".txt").data(data).render())
                // Stable per delivery: a retry after an unclear failure is recognisable as the same message.
                .addHeader("Message-ID", "<" + deliveryId + "@" + messageIdDomain + ">");
        if ("HIGH".equals(request.priority())) {
            mail.addHeader("Importance", "high").addHeader("X-Priority", "1");
        }
        replyTo.ifPresent(mail::setReplyTo);
        return mail;
    }

    private Template template(String name) {
        Template template = engine.getTemplate(name);
        if (template == null) {
            throw new UnsendableException("no email template " + name);
        }
        return template;
    }
}
