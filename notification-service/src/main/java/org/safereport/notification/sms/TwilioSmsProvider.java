package org.safereport.notification.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import org.safereport.notification.config.NotificationConfig;
import org.safereport.notification.domain.AttemptOutcome;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Sends texts through a Twilio-compatible Messages API: {@code POST {base-url}/2010-04-01/Accounts/{sid}/Messages.json}
 * with HTTP Basic authentication (account SID and auth token) and form fields {@code To}, {@code From}, {@code Body}.
 * An HTTP 429 (rate limited), a 5xx, a timeout or a connection error may pass and is retried; any other 4xx
 * (an invalid number, a blocked recipient, wrong credentials) will not.
 */
@ApplicationScoped
public class TwilioSmsProvider implements SmsProvider {

    private static final int MAX_DETAIL_LENGTH = 300;

    private final NotificationConfig.Sms settings;
    private final ObjectMapper objectMapper;
    private volatile MessagesApi api;

    TwilioSmsProvider(NotificationConfig config, ObjectMapper objectMapper) {
        this.settings = config.sms();
        this.objectMapper = objectMapper;
    }

    /** Why texts cannot be sent with the current settings, or {@code null} when they can. */
    String missingSettings() {
        if (settings.baseUrl().isEmpty() || blank(settings.accountSid().orElse(null))
                || blank(settings.authToken().orElse(null)) || blank(settings.from().orElse(null))) {
            return "SMS is not configured: set NOTIFICATION_SMS_BASE_URL, NOTIFICATION_SMS_ACCOUNT_SID, "
                    + "NOTIFICATION_SMS_AUTH_TOKEN and NOTIFICATION_SMS_FROM";
        }
        return null;
    }

    @Override
    public AttemptOutcome send(String to, String body) {
        String missing = missingSettings();
        if (missing != null) {
            return AttemptOutcome.Failed.permanent(missing);
        }
        Form message = new Form().param("To", to).param("From", settings.from().orElseThrow()).param("Body", body);
        try (Response response = api().create(settings.accountSid().orElseThrow(), basicAuthorization(), message)) {
            int status = response.getStatus();
            JsonNode answer = readJson(response);
            if (status >= 200 && status < 300) {
                return new AttemptOutcome.Sent(answer.path("sid").asText(null));
            }
            String reason = "HTTP " + status + " from the SMS provider" + detail(answer);
            return status == 429 || status >= 500 || status < 400
                    ? AttemptOutcome.Failed.transientFailure(reason)
                    : AttemptOutcome.Failed.permanent(reason);
        } catch (RuntimeException e) {
            // ProcessingException: refused, reset or timed out before an answer came. Nothing says the text was not
            // sent; the provider may have it, but a missed urgent text is worse than a repeated one.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return AttemptOutcome.Failed.transientFailure("the SMS provider could not be reached: "
                    + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()));
        }
    }

    private MessagesApi api() {
        MessagesApi client = api;
        if (client == null) {
            synchronized (this) {
                if (api == null) {
                    URI baseUrl = settings.baseUrl().orElseThrow();
                    api = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(baseUrl)
                            .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .followRedirects(false)
                            // Every status is judged here; none becomes an exception.
                            .disableDefaultMapper(true)
                            .build(MessagesApi.class);
                }
                client = api;
            }
        }
        return client;
    }

    private String basicAuthorization() {
        String credentials = settings.accountSid().orElseThrow() + ":" + settings.authToken().orElseThrow();
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode readJson(Response response) {
        try {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            return text == null || text.isBlank() ? objectMapper.createObjectNode() : objectMapper.readTree(text);
        } catch (IOException | RuntimeException e) {
            return objectMapper.createObjectNode();
        }
    }

    /** The provider's error code and message, e.g. ": code 21211, The 'To' number ... is not a valid phone number." */
    private static String detail(JsonNode answer) {
        String code = answer.path("code").asText("");
        String message = answer.path("message").asText("");
        String detail = (code.isEmpty() ? "" : "code " + code) + (code.isEmpty() || message.isEmpty() ? "" : ", ") + message;
        if (detail.isEmpty()) {
            return "";
        }
        return ": " + (detail.length() <= MAX_DETAIL_LENGTH ? detail : detail.substring(0, MAX_DETAIL_LENGTH) + "...");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
