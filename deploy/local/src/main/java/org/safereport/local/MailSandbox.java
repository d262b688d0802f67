package org.safereport.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The local stack's mailbox: a real SMTP server (GreenMail) that keeps every message it receives, a text
 * message provider ({@link SmsSink}) that keeps every text, a page that lists both for a person trying the
 * system, and a JSON API for scripts and the system tests.
 *
 * <ul>
 *   <li>{@code GET /} the received emails (newest first, each with its plain-text body) beside the texts</li>
 *   <li>{@code GET /messages/{id}} an email's HTML body, as a mail client shows it</li>
 *   <li>{@code GET /api/messages} the emails as JSON; {@code DELETE /api/messages} empties the mailbox</li>
 *   <li>{@code GET /api/texts} the texts as JSON; {@code DELETE /api/texts} empties them</li>
 *   <li>{@code POST /2010-04-01/Accounts/{sid}/Messages.json} the Twilio-compatible API the notification service sends texts to</li>
 * </ul>
 */
public final class MailSandbox implements AutoCloseable {

    /** One received message, as the page and the JSON API show it. */
    public record ReceivedMail(int id, Instant receivedAt, String from, List<String> to, String subject,
                               String messageId, String text, String html) {
    }

    private final GreenMail smtp;
    private final HttpServer web;
    /** The SMTP listener that replaced GreenMail's own after a {@link #refuseSmtpConnections() refusal}; same port, same store. */
    private SmtpServer reopenedSmtp;
    private final SmsSink sms = new SmsSink();
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final int smtpPort;

    private MailSandbox(GreenMail smtp, HttpServer web) {
        this.smtp = smtp;
        this.web = web;
        this.smtpPort = smtp.getSmtp().getPort();
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
        web.createContext("/api/texts", sandbox::handleTextsApi);
        web.createContext(SmsSink.API_PREFIX, sandbox.sms::handleApi);
        web.createContext("/messages/", sandbox::handleHtml);
        web.createContext("/", sandbox::handlePage);
        web.start();
        return sandbox;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int webPort() {
        return web.getAddress().getPort();
    }

    public String webUrl() {
        return "http://127.0.0.1:" + webPort() + "/";
    }

    /**
     * Closes the SMTP port, so that connections are refused as when a mail server is down, keeping every
     * message received so far. {@link #acceptSmtpConnections()} opens it again.
     */
    public synchronized void refuseSmtpConnections() {
        (reopenedSmtp != null ? reopenedSmtp : smtp.getSmtp()).stopService();
    }

    /** Opens the SMTP port again after {@link #refuseSmtpConnections()}, on the same port and with the same mailboxes. */
    public synchronized void acceptSmtpConnections() throws InterruptedException {
        // A GreenMail listener is a thread and cannot be started twice: a new one shares the old one's store.
        reopenedSmtp = new SmtpServer(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP), smtp.getManagers());
        reopenedSmtp.startService();
        if (!reopenedSmtp.waitTillRunning(Duration.ofSeconds(10).toMillis())) {
            throw new IllegalStateException("the SMTP port " + smtpPort() + " did not open again");
        }
    }

    /**
     * From now on, the text-message API answers every message with a {@code 500} (as a provider's outage
     * does) until this is called with {@code false}.
     */
    public void failTexts(boolean fail) {
        sms.failWithServerErrors(fail);
    }

    /** The base URL of the text-message API ({@code NOTIFICATION_SMS_BASE_URL}); its account is {@link SmsSink#ACCOUNT_SID}. */
    public String smsBaseUrl() {
        return "http://127.0.0.1:" + webPort();
    }

    /** The texts received, oldest first. */
    public List<SmsSink.ReceivedText> texts() {
        return sms.texts();
    }

    public List<ReceivedMail> messages() {
        MimeMessage[] received = smtp.getReceivedMessages();
        List<ReceivedMail> mails = new ArrayList<>(received.length);
        for (int i = 0; i < received.length; i++) {
            mails.add(toReceivedMail(i + 1, received[i]));
        }
        return mails;
    }

    /** When an email arrived (GreenMail's receive time, to the millisecond) and its subject. */
    public record Arrival(Instant receivedAt, String subject) {
    }

    /** Every email's arrival, oldest first, without reading the bodies: cheap enough to call often (the benchmark). */
    public List<Arrival> arrivals() {
        MimeMessage[] received = smtp.getReceivedMessages();
        List<Arrival> arrivals = new ArrayList<>(received.length);
        for (MimeMessage message : received) {
            try {
                arrivals.add(new Arrival(message.getReceivedDate().toInstant(), message.getSubject()));
            } catch (MessagingException e) {
                throw new IllegalStateException("could not read a received message's subject", e);
            }
        }
        return arrivals;
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

    private void handleTextsApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> respond(exchange, 200, "application/json", json.writeValueAsBytes(texts()));
                case "DELETE" -> {
                    sms.clear();
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> respond(exchange, 405, "text/plain", "GET or DELETE".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** {@code GET /messages/{id}}: the email's HTML part, or its text when it has none. */
    private void handleHtml(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/messages/".length());
            List<ReceivedMail> mails = messages();
            if (!id.matches("\\d{1,9}") || Integer.parseInt(id) < 1 || Integer.parseInt(id) > mails.size()) {
                respond(exchange, 404, "text/plain", "no such message".getBytes(StandardCharsets.UTF_8));
                return;
            }
            ReceivedMail mail = mails.get(Integer.parseInt(id) - 1);
            String html = mail.html() != null ? mail.html() : "<pre>" + escape(mail.text()) + "</pre>";
            // The message is shown as sent, but may not run script or load anything.
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
            respond(exchange, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void handlePage(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                respond(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            respond(exchange, 200, "text/html; charset=utf-8", renderPage(messages(), texts()).getBytes(StandardCharsets.UTF_8));
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

    private static String renderPage(List<ReceivedMail> mails, List<SmsSink.ReceivedText> texts) throws IOException {
        String template;
        try (InputStream in = MailSandbox.class.getResourceAsStream("mailbox.html")) {
            template = new String(Objects.requireNonNull(in, "mailbox.html").readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder items = new StringBuilder();
        for (int i = mails.size() - 1; i >= 0; i--) {
            ReceivedMail mail = mails.get(i);
            items.append("<article><h3>").append(escape(mail.subject())).append("</h3>")
                    .append("<p class=\"meta\">To ").append(escape(String.join(", ", mail.to())))
                    .append(" &middot; from ").append(escape(mail.from()))
                    .append(" &middot; <time>").append(mail.receivedAt()).append("</time>")
                    .append(mail.html() == null ? "" : " &middot; <a href=\"/messages/" + mail.id() + "\" target=\"_blank\">view as HTML</a>")
                    .append("</p><pre>").append(escape(mail.text())).append("</pre></article>\n");
        }
        if (mails.isEmpty()) {
            items.append("<p class=\"empty\">No emails yet. File a report and its notification appears here.</p>");
        }
        StringBuilder textItems = new StringBuilder();
        for (int i = texts.size() - 1; i >= 0; i--) {
            SmsSink.ReceivedText text = texts.get(i);
            textItems.append("<article class=\"text\"><p class=\"meta\">To ").append(escape(text.to()))
                    .append(" &middot; from ").append(escape(text.from()))
                    .append(" &middot; <time>").append(text.receivedAt()).append("</time></p>")
                    .append("<p class=\"bubble\">").append(escape(text.body())).append("</p>")
                    .append("<p class=\"meta\">").append(text.body().length()).append(" characters</p></article>\n");
        }
        if (texts.isEmpty()) {
            textItems.append("<p class=\"empty\">No texts yet. Urgent categories are also sent by text.</p>");
        }
        return template.replace("{{count}}", Integer.toString(mails.size()))
                .replace("{{textCount}}", Integer.toString(texts.size()))
                .replace("{{messages}}", items)
                .replace("{{texts}}", textItems);
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
                    part(message, "text/plain"), part(message, "text/html"));
        } catch (MessagingException e) {
            throw new IllegalStateException("could not read received message " + id, e);
        }
    }

    /** The decoded text of the message's first part of {@code mimeType} ("text/plain", "text/html"), or null. */
    public static String part(Part part, String mimeType) {
        try {
            if (part.isMimeType(mimeType)) {
                return part.getContent().toString();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = part(multipart.getBodyPart(i), mimeType);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not read a part of a received message", e);
        }
    }

    @Override
    public synchronized void close() {
        web.stop(0);
        if (reopenedSmtp != null) {
            reopenedSmtp.stopService();
        }
        smtp.stop();
    }
}
