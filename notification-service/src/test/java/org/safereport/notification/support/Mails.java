package org.safereport.notification.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** What a GreenMail server received. */
public final class Mails {

    private Mails() {
    }

    /** The messages whose subject or body names {@code reference}. */
    public static List<MimeMessage> about(GreenMail server, String reference) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> GreenMailUtil.getWholeMessage(message).contains(reference))
                .toList();
    }

    /** The decoded text of the message's first part of {@code mimeType} ("text/plain", "text/html"), or null. */
    public static String part(Part part, String mimeType) {
        try {
            if (part.isMimeType(mimeType)) {
                return part.getContent().toString();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    String found = part(body, mimeType);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
