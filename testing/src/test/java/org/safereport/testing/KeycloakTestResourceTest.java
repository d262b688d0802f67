package org.safereport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safereport.local.SampleRealm;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The real Keycloak that the test support starts: the realm's two clients work, and the sample people sign in. */
class KeycloakTestResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static String issuer;

    @BeforeAll
    static void startKeycloak() {
        issuer = new KeycloakTestResource().start().get("quarkus.oidc.auth-server-url");
    }

    @Test
    void servicesGetATokenWithTheirClientCredentials() throws Exception {
        HttpResponse<String> response = post(HttpClient.newHttpClient(), issuer + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials",
                "client_id", SampleRealm.SERVICES_CLIENT_ID,
                "client_secret", SampleRealm.SERVICES_CLIENT_SECRET));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode token = claims(JSON.readTree(response.body()).path("access_token").asText());
        assertThat(token.path("iss").asText()).isEqualTo(issuer);
        assertThat(token.path("azp").asText()).isEqualTo(SampleRealm.SERVICES_CLIENT_ID);
    }

    @Test
    void theDslSignsInOnKeycloaksOwnPageWithThePasswordLocal() throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        // Any port on loopback: Keycloak matches a loopback redirect whatever its port. Nothing listens there,
        // and the code is read from the redirect itself.
        String redirectUri = "http://127.0.0.1:9/callback";
        String verifier = base64Url(randomBytes());
        String challenge = base64Url(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));

        HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/auth?"
                + form(Map.of("client_id", SampleRealm.STAFF_CLIENT_ID, "response_type", "code", "scope", "openid",
                "redirect_uri", redirectUri, "state", "test-state", "code_challenge", challenge, "code_challenge_method", "S256"))))
                .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loginPage.statusCode()).as(loginPage.body()).isEqualTo(200);
        Element loginForm = Jsoup.parse(loginPage.body()).getElementById("kc-form-login");
        assertThat(loginForm).as("Keycloak's login form").isNotNull();
        // Keycloak's cookies are Secure: browsers send them to 127.0.0.1 over http, Java's CookieManager does not.
        String cookies = loginPage.headers().allValues("Set-Cookie").stream()
                .map(cookie -> cookie.split(";", 2)[0]).collect(Collectors.joining("; "));

        HttpResponse<String> signedIn = post(browser, loginForm.attr("action"),
                Map.of("username", "dsl", "password", SampleRealm.PASSWORD), "Cookie", cookies);
        String location = signedIn.headers().firstValue("Location").orElse("");
        assertThat(location).as("redirect after sign-in (page: %s)", signedIn.body()).startsWith(redirectUri + "?");
        String code = query(URI.create(location)).get("code");

        HttpResponse<String> tokens = post(browser, issuer + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri, "code_verifier", verifier,
                "client_id", SampleRealm.STAFF_CLIENT_ID, "client_secret", SampleRealm.STAFF_CLIENT_SECRET));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode idToken = claims(JSON.readTree(tokens.body()).path("id_token").asText());
        assertThat(idToken.path("preferred_username").asText()).isEqualTo("dsl");
        assertThat(idToken.path("email").asText()).isEqualTo("dsl@example.org");
        assertThat(idToken.path("email_verified").asBoolean()).isTrue();
        assertThat(idToken.path("name").asText()).isEqualTo("Riley Carrow");
    }

    private static HttpResponse<String> post(HttpClient client, String url, Map<String, String> fields, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    /** A JWT's claims; the signature is Keycloak's business here, not this test's. */
    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
