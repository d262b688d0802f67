package org.safereport.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The local stack's mailbox: a real SMTP server (GreenMail) that keeps every message it receives, a page
 * that lists them for a person trying the system, and a JSON API for scripts and the system tests.
 *
 * <ul>
 *   <li>{@code GET /} the received messages, newest first, each with its plain-text body</li>
 *   <li>{@code GET /api/messages} the same as JSON</li>
 *   <li>{@code DELETE /api/messages} empties the mailbox</li>
 * </ul>
 */
public final class MailSandbox implements AutoCloseable {

    /** One received message, as the page and the JSON API show it. */
    public record ReceivedMail(int id, Instant receivedAt, String from, List<String> to, String subject,
                               String messageId, String text, String html) {
    }

    private final GreenMail smtp;
    private final HttpServer web;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private MailSandbox(GreenMail smtp, HttpServer web) {
        this.smtp = smtp;
        this.web = web;
    }

    /** Starts SMTP and the web page on 127.0.0.1; a port of 0 means any free port. */
    public static MailSandbox start(int smtpPort, int webPort) throws IOException {
        ServerSetup setup = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail smtp = new GreenMail(smtpPort == 0 ? setup.dynamicPort() : setup)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", webPort), 0);
        MailSandbox sandbox = new MailSandbox(smtp, web);
        web.createContext("/api/messages", sandbox::handleApi);
        web.createContext("/", sandbox::handlePage);
        web.start();
        return sandbox;
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public int webPort() {
        return web.getAddress().getPort();
    }

    public String webUrl() {
        return "http://127.0.0.1:" + webPort() + "/";
    }

    public List<ReceivedMail> messages() {
        MimeMessage[] received = smtp.getReceivedMessages();
        List<ReceivedMail> mails = new ArrayList<>(received.length);
        for (int i = 0; i < received.length; i++) {
            mails.add(toReceivedMail(i + 1, received[i]));
        }
        return mails;
    }

    public void clear() {
        try {
            smtp.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("could not empty the mailbox", e);
        }
    }

    private void handleApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> respond(exchange, 200, "application/json", json.writeValueAsBytes(messages()));
                case "DELETE" -> {
                    clear();
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> respond(exchange, 405, "text/plain", "GET or DELETE".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void handlePage(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                respond(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            respond(exchange, 200, "text/html; charset=utf-8", renderPage(messages()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String renderPage(List<ReceivedMail> mails) throws IOException {
        String template;
        try (InputStream in = MailSandbox.class.getResourceAsStream("mailbox.html")) {
            template = new String(Objects.requireNonNull(in, "mailbox.html").readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder items = new StringBuilder();
        for (int i = mails.size() - 1; i >= 0; i--) {
            ReceivedMail mail = mails.get(i);
            items.append("<article><h2>").append(escape(mail.subject())).append("</h2>")
                    .append("<p class=\"meta\">To ").append(escape(String.join(", ", mail.to())))
                    .append(" &middot; from ").append(escape(mail.from()))
                    .append(" &middot; <time>").append(mail.receivedAt()).append("</time></p>")
                    .append("<pre>").append(escape(mail.text())).append("</pre></article>\n");
        }
        if (mails.isEmpty()) {
            items.append("<p class=\"empty\">No messages yet. File a report and its notification appears here.</p>");
        }
        return template.replace("{{count}}", Integer.toString(mails.size())).replace("{{messages}}", items);
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static ReceivedMail toReceivedMail(int id, MimeMessage message) {
        try {
            Instant receivedAt = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                    : message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.now();
            String from = message.getFrom() == null ? "" : message.getFrom()[0].toString();
            List<String> to = message.getRecipients(Message.RecipientType.TO) == null ? List.of()
                    : Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                    .collect(Collectors.toList());
            return new ReceivedMail(id, receivedAt, from, to, message.getSubject(), message.getMessageID(),
                    findPart(message, "text/plain"), findPart(message, "text/html"));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not read received message " + id, e);
        }
    }

    private static String findPart(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = findPart(body, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        web.stop(0);
        smtp.stop();
    }
}
