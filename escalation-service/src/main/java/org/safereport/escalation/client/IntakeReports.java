package org.safereport.escalation.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import org.safereport.escalation.config.EscalationConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The intake service's internal report API, which only other services reach (the Ingress never routes it),
 * with a client-credentials token from the identity provider. Intake owns the report's content: this service
 * asks for it only after applying its own access rules, and keeps no copy. Files come as streams, passed on
 * as they arrive and never held whole.
 */
@ApplicationScoped
public class IntakeReports {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final OidcClient tokens;
    private final ObjectMapper json;
    private final URI base;
    private volatile Tokens current;

    IntakeReports(OidcClient tokens, ObjectMapper json, EscalationConfig config) {
        this.tokens = tokens;
        this.json = json;
        this.base = config.intakeUrl();
    }

    /** The intake service could not be asked, or did not answer as it should. */
    public static class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A file as intake sends it: read its body once, then close it. */
    public record Download(String mediaType, long length, String contentDisposition, InputStream body) {
    }

    /** The report as the reporter wrote it; empty when intake has no such report. */
    public Optional<ReportContent> report(UUID reportId) throws Unavailable {
        Optional<Download> answer = get("/internal/v1/reports/" + reportId);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream body = answer.get().body()) {
            return Optional.of(json.readValue(body, ReportContent.class));
        } catch (IOException e) {
            throw new Unavailable("intake's report could not be read", e);
        }
    }

    /** An evidence file, as uploaded; empty when it is not one of the report's. */
    public Optional<Download> evidence(UUID reportId, UUID evidenceId) throws Unavailable {
        return get("/internal/v1/reports/" + reportId + "/evidence/" + evidenceId);
    }

    /** A PNG intake re-encoded from an image, at most 480 pixels a side; empty for a file that is not an image. */
    public Optional<Download> thumbnail(UUID reportId, UUID evidenceId) throws Unavailable {
        return get("/internal/v1/reports/" + reportId + "/evidence/" + evidenceId + "/thumbnail");
    }

    /**
     * Every report {@code email} filed or is the subject of, as intake holds it. The address goes in the body,
     * so that it is in no URL and no access log.
     */
    public PersonReports personReports(String email) throws Unavailable {
        Optional<Download> answer;
        try {
            answer = send(HttpRequest.newBuilder(base.resolve("/internal/v1/reports/involving"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(new PersonReports.Lookup(email)))));
        } catch (IOException e) {
            throw new Unavailable("the look-up could not be written", e);
        }
        if (answer.isEmpty()) {
            throw new Unavailable("intake has no look-up of reports by person", null);
        }
        try (InputStream body = answer.get().body()) {
            return json.readValue(body, PersonReports.class);
        } catch (IOException e) {
            throw new Unavailable("intake's reports of a person could not be read", e);
        }
    }

    /** A message from staff, as intake keeps it in the report's conversation. */
    public record StaffMessage(String staffPersonId, String staffRoleTitle, String text) {
    }

    /** Intake's answer: the message as kept. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MessageSent(UUID id) {
    }

    /**
     * Keeps {@code message} in the report's conversation, for the reporter's status page.
     *
     * @return the message's id; empty when intake has no such report (or it has been purged)
     */
    public Optional<UUID> sendToReporter(UUID reportId, StaffMessage message) throws Unavailable {
        Optional<Download> answer;
        try {
            answer = send(HttpRequest.newBuilder(base.resolve("/internal/v1/reports/" + reportId + "/messages"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(message))));
        } catch (IOException e) {
            throw new Unavailable("the message could not be written", e);
        }
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream body = answer.get().body()) {
            return Optional.of(json.readValue(body, MessageSent.class).id());
        } catch (IOException e) {
            throw new Unavailable("intake's answer to a message could not be read", e);
        }
    }

    private Optional<Download> get(String path) throws Unavailable {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private Optional<Download> send(HttpRequest.Builder request) throws Unavailable {
        try {
            HttpResponse<InputStream> response = http.send(request.timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + accessToken()).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 404) {
                response.body().close();
                return Optional.empty();
            }
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                response.body().close();
                throw new Unavailable("intake answered " + response.statusCode(), null);
            }
            return Optional.of(new Download(response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                    response.headers().firstValueAsLong("Content-Length").orElse(-1),
                    response.headers().firstValue("Content-Disposition").orElse(null), response.body()));
        } catch (IOException e) {
            throw new Unavailable("intake could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        } catch (RuntimeException e) {
            throw new Unavailable("no token for the intake service", e);
        }
    }

    /** The services' token, fetched again shortly before it expires. */
    private String accessToken() {
        Tokens held = current;
        if (held == null || held.isAccessTokenWithinRefreshInterval() || held.isAccessTokenExpired()) {
            held = tokens.getTokens().await().atMost(TIMEOUT);
            current = held;
        }
        return held.getAccessToken();
    }
}
