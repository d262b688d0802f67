package org.safereport.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.safereport.local.SampleRealm;
import org.safereport.testing.KeycloakTokens;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The intake service's internal API, played by the JDK's HTTP server, for tests that need report content (the
 * real intake service is not run in this module's tests; its side of the API is tested in intake-service). It
 * answers only with a bearer token of the services client, and keeps every look-up it got, so that a test sees
 * where the address travelled, and every message staff sent (kept for a report it has an answer for). A test
 * sets answers and reads look-ups over HTTP under /stand-in/, since the test and this resource may not share
 * classes.
 */
public class IntakeStandIn implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
    private final ArrayNode lookups = JSON.createArrayNode();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        return Map.of("escalation.intake-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    /** The key an answer is kept under: the look-up of an address, or a GET of a path. */
    public static String lookupKey(String email) {
        return "involving " + email.trim().toLowerCase(Locale.ROOT);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/stand-in/answers")) {
                answers.put(exchange.getRequestHeaders().getFirst("X-Answer-For"), body);
                respond(exchange, 204, null);
                return;
            }
            if (path.equals("/stand-in/lookups")) {
                synchronized (lookups) {
                    respond(exchange, 200, JSON.writeValueAsBytes(lookups));
                }
                return;
            }
            if (!servicesClient(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 403, null);
                return;
            }
            if (exchange.getRequestMethod().equals("POST") && path.equals("/internal/v1/reports/involving")) {
                JsonNode lookup = JSON.readTree(body);
                synchronized (lookups) {
                    lookups.addObject().put("uri", exchange.getRequestURI().toString()).set("body", lookup);
                }
                byte[] answer = answers.get(lookupKey(lookup.path("email").asText()));
                respond(exchange, 200, answer != null ? answer : "{\"reports\": []}".getBytes());
                return;
            }
            if (exchange.getRequestMethod().equals("POST") && path.matches("/internal/v1/reports/[^/]+/messages")) {
                // Kept as intake keeps it: the test reads what was sent from the look-ups.
                synchronized (lookups) {
                    lookups.addObject().put("uri", exchange.getRequestURI().toString()).set("body", JSON.readTree(body));
                }
                boolean known = answers.containsKey("GET " + path.substring(0, path.length() - "/messages".length()));
                respond(exchange, known ? 201 : 404, known ? JSON.writeValueAsBytes(Map.of("id", UUID.randomUUID())) : null);
                return;
            }
            byte[] answer = answers.get("GET " + path);
            respond(exchange, answer == null ? 404 : 200, answer);
        }
    }

    private static boolean servicesClient(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return SampleRealm.SERVICES_CLIENT_ID.equals(KeycloakTokens.claims(authorization.substring(7)).path("azp").asText());
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", status < 300 ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
        if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
