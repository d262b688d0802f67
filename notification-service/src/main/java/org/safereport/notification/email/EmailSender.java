package org.safereport.notification.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.notification.config.NotificationConfig;
import org.safereport.notification.dispatch.ChannelSender;
import org.safereport.notification.domain.AttemptOutcome;
import org.safereport.events.notification.Channel;
import org.safereport.events.notification.NotificationRequestedV1;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * Sends a notification as one email over SMTP (Quarkus Mailer) and judges the server's answer: a 5xx
 * reply (no such mailbox, rejected) fails for good; a 4xx reply, a refused or broken connection and a
 * timeout may pass, and are retried. Authentication replies are the exception: a 5xx there is a
 * setting to fix, after which the same message goes through.
 * <p>
 * Every send starts on one Vert.x event loop of its own, never on the calling sender thread. The Vert.x mail
 * client (4.5) reads a new connection's greeting only once its pool has handed the connection over, and the
 * socket drops whatever arrives before then. Handed over by another thread (senders starting at the same
 * time, a connection closing on another event loop), it comes a turn late: the greeting is lost and the send
 * waits out its timeout, holding a pooled connection. On one event loop the hand-over always comes first.
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    /** SMTP replies about this service's own credentials or TLS, not about the message or its recipient. */
    private static final Set<Integer> CONFIGURATION_REPLIES = Set.of(523, 530, 534, 535, 538);

    private final ReactiveMailer mailer;
    private final EmailRenderer renderer;
    private final NotificationConfig config;
    private final Executor onMailEventLoop;

    EmailSender(ReactiveMailer mailer, EmailRenderer renderer, NotificationConfig config, Vertx vertx) {
        this.mailer = mailer;
        this.renderer = renderer;
        this.config = config;
        Context mailContext = ((VertxInternal) vertx).createEventLoopContext();
        this.onMailEventLoop = send -> mailContext.runOnContext(start -> send.run());
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public AttemptOutcome send(NotificationRequestedV1 request, UUID deliveryId) {
        Mail mail;
        try {
            mail = renderer.render(request, deliveryId);
        } catch (EmailRenderer.UnsendableException e) {
            return AttemptOutcome.Failed.permanent(e.getMessage());
        }
        try {
            mailer.send(mail).runSubscriptionOn(onMailEventLoop).await().atMost(config.email().sendTimeout());
            return new AttemptOutcome.Sent(renderer.messageId(deliveryId));
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    static AttemptOutcome.Failed classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                int code = smtp.getReplyCode();
                String reason = "SMTP " + code + " from the mail server: " + smtp.getMessage();
                return smtp.isPermanent() && !CONFIGURATION_REPLIES.contains(code)
                        ? AttemptOutcome.Failed.permanent(reason)
                        : AttemptOutcome.Failed.transientFailure(reason);
            }
        }
        return AttemptOutcome.Failed.transientFailure("the mail server could not be reached: " + describe(failure));
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
