package org.safereport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.safereport.local.SampleRealm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fresh tokens from the test Keycloak ({@link KeycloakTestResource#server()}, started if it is not yet), got
 * the way the real callers get them: the services' client by client credentials, a member of staff by
 * signing in on Keycloak's own login form (authorization code with PKCE, as the staff pages do).
 */
public final class KeycloakTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Any port on loopback: Keycloak matches a loopback redirect whatever its port. Nothing listens there;
     * the code is read from the redirect itself.
     */
    private static final String REDIRECT_URI = "http://127.0.0.1:9/callback";

    private KeycloakTokens() {
    }

    /** An access token of the {@value SampleRealm#SERVICES_CLIENT_ID} client, by client credentials. */
    public static String servicesAccessToken() {
        return tokens(HttpClient.newHttpClient(), issuer(), Map.of("grant_type", "client_credentials",
                "client_id", SampleRealm.SERVICES_CLIENT_ID, "client_secret", SampleRealm.SERVICES_CLIENT_SECRET))
                .path("access_token").asText();
    }

    /** An access token of the {@value SampleRealm#STAFF_CLIENT_ID} client for {@code username} (a directory id). */
    public static String staffAccessToken(String username) {
        return staffSignIn(username).path("access_token").asText();
    }

    /** The same from the Keycloak whose realm is at {@code issuer}, e.g. the local stack's. */
    public static String staffAccessToken(String issuer, String username) {
        return staffSignIn(issuer, username).path("access_token").asText();
    }

    /**
     * The token response (access, ID and refresh tokens) after {@code username} signs in with the password
     * {@value SampleRealm#PASSWORD} on Keycloak's login page.
     */
    public static JsonNode staffSignIn(String username) {
        return staffSignIn(issuer(), username);
    }

    private static JsonNode staffSignIn(String issuer, String username) {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = base64Url(randomBytes());
        HttpResponse<String> loginPage = send(browser, HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/auth?"
                + form(Map.of("client_id", SampleRealm.STAFF_CLIENT_ID, "response_type", "code", "scope", "openid",
                "redirect_uri", REDIRECT_URI, "state", "test-state", "code_challenge", challenge(verifier),
                "code_challenge_method", "S256")))));
        Element loginForm = Jsoup.parse(loginPage.body()).getElementById("kc-form-login");
        if (loginPage.statusCode() != 200 || loginForm == null) {
            throw new IllegalStateException("Keycloak showed no login form (" + loginPage.statusCode() + "): " + loginPage.body());
        }
        // Keycloak's cookies are Secure: browsers send them to 127.0.0.1 over http, Java's CookieManager does not.
        String cookies = loginPage.headers().allValues("Set-Cookie").stream()
                .map(cookie -> cookie.split(";", 2)[0]).collect(Collectors.joining("; "));
        HttpResponse<String> signedIn = send(browser, post(loginForm.attr("action"),
                Map.of("username", username, "password", SampleRealm.PASSWORD)).header("Cookie", cookies));
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (!location.startsWith(REDIRECT_URI + "?")) {
            throw new IllegalStateException("no redirect after signing in as " + username + " (page: " + signedIn.body() + ")");
        }
        return tokens(browser, issuer, Map.of("grant_type", "authorization_code", "code", query(URI.create(location)).get("code"),
                "redirect_uri", REDIRECT_URI, "code_verifier", verifier,
                "client_id", SampleRealm.STAFF_CLIENT_ID, "client_secret", SampleRealm.STAFF_CLIENT_SECRET));
    }

    /** A JWT's claims, read without checking its signature (the service under test does that). */
    public static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String issuer() {
        return KeycloakTestResource.server().issuerUrl();
    }

    private static JsonNode tokens(HttpClient client, String issuer, Map<String, String> grant) {
        HttpResponse<String> response = send(client, post(issuer + "/protocol/openid-connect/token", grant));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused the " + grant.get("grant_type") + " grant ("
                    + response.statusCode() + "): " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRequest.Builder post(String url, Map<String, String> fields) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to Keycloak", e);
        }
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

    private static String challenge(String verifier) {
        try {
            return base64Url(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
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
