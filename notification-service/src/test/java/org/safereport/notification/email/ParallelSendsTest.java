package org.safereport.notification.email;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.notification.domain.AttemptOutcome;
import org.safereport.notification.support.Mails;
import org.safereport.notification.support.Requests;
import org.safereport.notification.support.SmsProviderTestResource;
import org.safereport.testing.KafkaTestResource;
import org.safereport.testing.PostgresTestResource;
import org.safereport.testing.SmtpTestResource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sends from several threads at once, as the dispatcher's sender threads do, each on a new SMTP connection
 * (the tests do not keep connections open). Before EmailSender started its sends on one event loop, the
 * Vert.x mail client now and then lost a new connection's greeting and a send waited out its timeout: this
 * test failed in both of its runs without that change, within its 200 sends.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmsProviderTestResource.class, scope = TestResourceScope.GLOBAL)
class ParallelSendsTest {

    private static final int SENDER_THREADS = 4;
    private static final int SENDS_EACH = 50;

    @Inject
    EmailSender sender;

    @Inject
    ObjectMapper json;

    @Test
    void everyEmailSentFromParallelSendersGoesOutWithoutWaitingForItsTimeout() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(SENDER_THREADS);
        List<Future<Optional<AttemptOutcome>>> senders = new ArrayList<>();
        try {
            for (int thread = 0; thread < SENDER_THREADS; thread++) {
                NotificationRequestedV1 request = json.readValue(Requests.newCase("PS-PARA-LEL" + thread).json(),
                        NotificationRequestedV1.class);
                // Stops at the first send that does not go out: the ones after it would only wait behind it.
                Callable<Optional<AttemptOutcome>> firstNotSent = () -> {
                    for (int i = 0; i < SENDS_EACH; i++) {
                        AttemptOutcome outcome = sender.send(request, UUID.randomUUID());
                        if (!(outcome instanceof AttemptOutcome.Sent)) {
                            return Optional.of(outcome);
                        }
                    }
                    return Optional.empty();
                };
                senders.add(threads.submit(firstNotSent));
            }
            for (Future<Optional<AttemptOutcome>> notSent : senders) {
                assertThat(notSent.get()).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
        for (int thread = 0; thread < SENDER_THREADS; thread++) {
            String reference = "PS-PARA-LEL" + thread;
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Mails.about(SmtpTestResource.greenMail(), reference).size() == SENDS_EACH);
        }
    }
}
