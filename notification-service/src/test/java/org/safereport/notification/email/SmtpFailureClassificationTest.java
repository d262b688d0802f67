package org.safereport.notification.email;

import io.vertx.ext.mail.SMTPException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpFailureClassificationTest {

    private static SMTPException reply(int code, String text) {
        return new SMTPException(code + " " + text, code, List.of(code + " " + text), false);
    }

    @Test
    void mailboxUnavailableIsPermanent() {
        assertThat(EmailSender.classify(new RuntimeException(reply(550, "5.1.1 no such user"))).permanent()).isTrue();
    }

    @Test
    void greylistingAndServiceUnavailableAreTransient() {
        assertThat(EmailSender.classify(reply(451, "4.7.1 greylisted")).permanent()).isFalse();
        assertThat(EmailSender.classify(reply(421, "4.3.2 shutting down")).permanent()).isFalse();
    }

    @Test
    void rejectedCredentialsAreTransientSoThatFixingThemLetsTheMessageThrough() {
        assertThat(EmailSender.classify(reply(535, "5.7.8 authentication failed")).permanent()).isFalse();
    }

    @Test
    void refusedConnectionIsTransient() {
        assertThat(EmailSender.classify(new RuntimeException(new ConnectException("Connection refused"))))
                .satisfies(failure -> {
                    assertThat(failure.permanent()).isFalse();
                    assertThat(failure.reason()).isEqualTo("the mail server could not be reached: ConnectException: Connection refused");
                });
    }
}
