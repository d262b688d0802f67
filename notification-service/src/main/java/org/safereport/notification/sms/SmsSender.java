package org.safereport.notification.sms;

import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.notification.config.NotificationConfig;
import org.safereport.notification.dispatch.ChannelSender;
import org.safereport.notification.domain.AttemptOutcome;
import org.safereport.events.notification.Channel;
import org.safereport.notification.domain.PublicLinks;
import org.safereport.notification.domain.SmsWording;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.events.notification.TemplateData;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Sends a notification as one text message: reference, response time and acknowledgement link only (rule 7). */
@ApplicationScoped
public class SmsSender implements ChannelSender {

    /** International form: a plus, a country code and at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    private final SmsProvider provider;
    private final NotificationConfig config;

    SmsSender(SmsProvider provider, NotificationConfig config) {
        this.provider = provider;
        this.config = config;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public AttemptOutcome send(NotificationRequestedV1 request, UUID deliveryId) {
        String mobile = request.recipient().mobile() == null ? "" : request.recipient().mobile().replaceAll("[\\s()-]", "");
        if (mobile.isEmpty()) {
            return AttemptOutcome.Failed.permanent("the recipient has no mobile number");
        }
        if (!E164.matcher(mobile).matches()) {
            return AttemptOutcome.Failed.permanent("the recipient's mobile number is not in international form");
        }
        Optional<String> body = text(request);
        if (body.isEmpty()) {
            return AttemptOutcome.Failed.permanent("no text message fits one SMS for template " + request.template());
        }
        return provider.send(mobile, body.get());
    }

    Optional<String> text(NotificationRequestedV1 request) {
        TemplateData data = request.dataOrEmpty();
        String within = "";
        String link = request.acknowledgementLink();
        if (data instanceof TemplateData.CaseNotice notice) {
            within = value(notice.within());
            // The escalation service's short form, when it sends one, fits a text where the signed link does not.
            link = notice.shortAcknowledgementLink() != null ? notice.shortAcknowledgementLink() : link;
        }
        return SmsWording.text(request.template(), value(request.caseReference()), within,
                PublicLinks.absolute(config.publicBaseUrl(), link));
    }

    private static String value(String text) {
        return text == null ? "" : text.strip();
    }
}
