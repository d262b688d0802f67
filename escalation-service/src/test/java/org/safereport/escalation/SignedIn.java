package org.safereport.escalation;

import io.restassured.specification.RequestSpecification;
import org.safereport.testing.KeycloakTokens;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;

/**
 * Requests as a member of staff, with the access token Keycloak gave them when they signed in on its own
 * page. A token is reused until shortly before it expires, as a real client would.
 */
public final class SignedIn {

    private record Held(String token, Instant expires) {
    }

    private static final Map<String, Held> TOKENS = new ConcurrentHashMap<>();

    private SignedIn() {
    }

    public static RequestSpecification as(String personId) {
        return given().auth().oauth2(token(personId));
    }

    public static String token(String personId) {
        return TOKENS.compute(personId, (id, held) -> held != null && held.expires().isAfter(Instant.now().plusSeconds(30))
                ? held : signIn(id)).token();
    }

    private static Held signIn(String personId) {
        String token = KeycloakTokens.staffAccessToken(personId);
        return new Held(token, Instant.ofEpochSecond(KeycloakTokens.claims(token).path("exp").asLong()));
    }
}
