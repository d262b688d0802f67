package org.safereport.notification.support;

import org.safereport.local.MailSandbox;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

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
        return MailSandbox.part(part, mimeType);
    }
}
