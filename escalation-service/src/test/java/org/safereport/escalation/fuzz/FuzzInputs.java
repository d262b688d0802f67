package org.safereport.escalation.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.safereport.escalation.CaseFixtures;
import org.safereport.escalation.domain.AcknowledgementToken;
import org.safereport.escalation.persistence.CaseStep;
import org.safereport.escalation.persistence.CaseTrack;
import org.safereport.escalation.persistence.EscalationCase;
import org.safereport.escalation.persistence.NotificationRecord;
import org.safereport.escalation.persistence.TimelineEntry;
import org.safereport.testing.fuzz.HostileInput;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the escalation fuzz tests send and how they judge it: acknowledgement tokens forged, tampered,
 * cut, extended, expired or signed for another case or step; short codes bent the same ways; and what
 * the database says was acknowledged.
 */
final class FuzzInputs {

    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    private static final String BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** The short codes' alphabet (no look-alikes). */
    static final String SHORT_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

    private FuzzInputs() {
    }

    static String token(UUID trackId, int step, String personId, Instant expiresAt, byte[] key) {
        return new AcknowledgementToken(trackId, step, personId, expiresAt).sign(key);
    }

    /**
     * Alterations of a valid token that keep nothing the signature vouches for: every character of the
     * signature and of the signed part replaced in turn, every cut, and additions at either end.
     */
    static List<String> alterations(String token) {
        List<String> altered = new ArrayList<>();
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c != '.') {
                char other = BASE64URL_ALPHABET.charAt((BASE64URL_ALPHABET.indexOf(c) + 1 + i % 63) % 64);
                altered.add(token.substring(0, i) + other + token.substring(i + 1));
            }
            altered.add(token.substring(0, i));
        }
        altered.addAll(List.of(token + "A", token + "=", token + "==", token + ".", token + ".x", token + "%00", token + "/",
                token + "%20", "A" + token, token + token, token.replace('.', '_'), token.toUpperCase(), token.toLowerCase(),
                token.substring(token.indexOf('.') + 1) + "." + token.substring(0, token.indexOf('.'))));
        return altered;
    }

    /** Whether {@code altered} carries the same signed part and signature bytes as {@code token} (another spelling of it). */
    static boolean sameToken(String altered, String token) {
        int dot = altered.indexOf('.');
        int original = token.indexOf('.');
        if (dot < 0 || !altered.substring(0, dot).equals(token.substring(0, original))) {
            return false;
        }
        try {
            return java.util.Arrays.equals(DECODE.decode(altered.substring(dot + 1)), DECODE.decode(token.substring(original + 1)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Random text in the tokens' alphabet, sometimes with a dot: what a guesser would try. */
    static String randomToken(Random random) {
        StringBuilder token = new StringBuilder();
        for (int n = random.nextInt(120); n > 0; n--) {
            token.append(BASE64URL_ALPHABET.charAt(random.nextInt(64)));
        }
        if (random.nextBoolean() && token.length() > 2) {
            token.setCharAt(random.nextInt(token.length()), '.');
        }
        return token.toString();
    }

    static String randomShortCode(Random random) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            code.append(SHORT_CODE_ALPHABET.charAt(random.nextInt(SHORT_CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    /** A path segment as a browser would send it. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static RequestSpecification raw() {
        return given().urlEncodingEnabled(false).redirects().follow(false);
    }

    static String path(JsonNode request, String field) {
        return URI.create(request.get(field).asText()).getPath();
    }

    static String linkPath(JsonNode request) {
        return path(request, "acknowledgementLink");
    }

    /**
     * The answer to a link that is not valid: 404 with no "I've got this" button; the "not valid" page
     * when the path reached the link's page (an empty or slashed token may match no page at all).
     */
    static void assertRefused(Response response, String token) {
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.asString()).doesNotContain("I've got this").doesNotContain("this case is yours");
        if (!token.isEmpty() && token.chars().allMatch(c -> BASE64URL_ALPHABET.indexOf(c) >= 0 || c == '.')) {
            assertThat(response.contentType()).startsWith("text/html");
            assertThat(response.asString()).contains("This link is not valid");
        }
    }

    static EscalationCase escalationCase(String reference) {
        return CaseFixtures.escalationCase(reference);
    }

    static List<CaseTrack> tracks(String reference) {
        return QuarkusTransaction.requiringNew().call(() -> CaseTrack.forCase(escalationCase(reference).id));
    }

    static List<CaseStep> steps(String reference, String track) {
        return QuarkusTransaction.requiringNew().call(() -> CaseStep.<CaseStep>list("caseId = ?1 and track = ?2 order by stepIndex",
                escalationCase(reference).id, track));
    }

    /** ACKNOWLEDGED entries on the case's timeline. */
    static long acknowledgements(String reference) {
        return CaseFixtures.timelineCount(reference, "ACKNOWLEDGED");
    }

    /** "Someone has it" notifications requested for the case. */
    static long acknowledgedNotifications(String reference) {
        UUID caseId = escalationCase(reference).id;
        return QuarkusTransaction.requiringNew().call(() -> NotificationRecord.count("caseId = ?1 and template = ?2", caseId, "acknowledged"));
    }

    static List<String> timeline(String reference) {
        UUID caseId = escalationCase(reference).id;
        return QuarkusTransaction.requiringNew().call(() -> TimelineEntry.forCase(caseId).stream()
                .map(entry -> entry.kind + " " + entry.detail).toList());
    }

    static String describe(String value) {
        return HostileInput.describe(value);
    }
}
