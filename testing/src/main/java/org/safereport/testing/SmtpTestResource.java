package org.safereport.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real SMTP server (GreenMail) for the service under test, with the Quarkus mailer's test-profile mock
 * switched off so that mail really goes over SMTP. Tests read what arrived with {@link #greenMail()}.
 */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail greenMail;

    public static synchronized GreenMail greenMail() {
        if (greenMail == null) {
            throw new IllegalStateException("SmtpTestResource has not been started for this test");
        }
        return greenMail;
    }

    @Override
    public synchronized Map<String, String> start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return Map.of("quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(greenMail.getSmtp().getPort()));
    }

    @Override
    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
