package org.safereport.local;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The local stack's text-message provider: the same Messages API as Twilio
 * ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, HTTP Basic, form fields {@code To}, {@code From},
 * {@code Body}), served by the mail sandbox's web server, that keeps every text instead of sending it. The
 * mailbox page shows the texts beside the emails.
 */
public final class SmsSink {

    /** The local account and token the notification service is given; nothing secret. */
    public static final String ACCOUNT_SID = "AC00000000000000000000000000local";
    public static final String AUTH_TOKEN = "local-sms-token";
    public static final String FROM = "+447700900000";
    public static final String API_PREFIX = "/2010-04-01/Accounts/";

    /** One received text, as the page and the JSON API show it. */
    public record ReceivedText(int id, Instant receivedAt, String sid, String to, String from, String body) {
    }

    private final List<ReceivedText> texts = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean failing;

    public synchronized List<ReceivedText> texts() {
        return List.copyOf(texts);
    }

    public synchronized void clear() {
        texts.clear();
    }

    /** While {@code true}, every message is answered with a 500 and not kept, as during a provider's outage. */
    void failWithServerErrors(boolean fail) {
        failing = fail;
    }

    /** {@code POST /2010-04-01/Accounts/{sid}/Messages.json}, answered as the real API answers. */
    void handleApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals(API_PREFIX + ACCOUNT_SID + "/Messages.json")) {
                error(exchange, 404, 20404, "The requested resource " + path + " was not found");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                error(exchange, 405, 20004, "Method not allowed");
                return;
            }
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, 20003, "Authenticate");
                return;
            }
            if (failing) {
                error(exchange, 500, 20500, "Internal Server Error");
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String to = form.getOrDefault("To", "");
            String body = form.getOrDefault("Body", "");
            if (!to.matches("\\+[1-9]\\d{6,14}")) {
                error(exchange, 400, 21211, "The 'To' number " + to + " is not a valid phone number.");
                return;
            }
            if (body.isBlank()) {
                error(exchange, 400, 21602, "Message body is required.");
                return;
            }
            String sid = "SM" + HexFormat.of().formatHex(randomBytes());
            ReceivedText text;
            synchronized (this) {
                text = new ReceivedText(texts.size() + 1, Instant.now(), sid, to, form.getOrDefault("From", ""), body);
                texts.add(text);
            }
            respond(exchange, 201, "{\"sid\": \"" + sid + "\", \"status\": \"queued\", \"to\": \"" + json(to)
                    + "\", \"from\": \"" + json(text.from()) + "\", \"body\": \"" + json(body) + "\"}");
        }
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return fields;
    }

    private static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
        respond(exchange, status, "{\"code\": " + code + ", \"message\": \"" + json(message) + "\", \"status\": " + status + "}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String json(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
