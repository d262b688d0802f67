package org.safereport.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import jakarta.mail.internet.MimeUtility;
import org.safereport.local.MailSandbox;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's SMTP server: accepts every message and keeps only when it arrived and its subject, for
 * matching it to the report or alert that caused it. Each reply, the multi-line one to EHLO included, goes
 * out in one write on a socket with TCP_NODELAY. GreenMail, which the tests and the local stack keep,
 * writes EHLO's reply a line at a time with Nagle's algorithm on: its second line then waits for the
 * client's delayed ACK (some 40 ms on Linux), which a client that opens a connection per email
 * (Alertmanager) pays on every email and one that keeps its connections open (the mailer) does not.
 */
final class SmtpSink implements Benchmark.Mailbox, AutoCloseable {

    private static final String NAME = "bench-sink";
    /** RFC 5321 allows 1000 octets a line; a client sending far more is broken and is cut off. */
    private static final int MAX_LINE_BYTES = 64 * 1024;
    private static final Buffer CRLF = Buffer.buffer("\r\n");

    private final Vertx vertx;
    private final NetServer server;
    private final List<MailSandbox.Arrival> arrivals = new ArrayList<>();

    private SmtpSink(Vertx vertx, NetServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port}; 0 means any free port. */
    static SmtpSink start(int port) {
        // One event loop: the sink's work per email is tiny, and the cores belong to what is measured.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true));
        SmtpSink sink = new SmtpSink(vertx, server);
        server.connectHandler(socket -> sink.new Session(socket).start());
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the benchmark's SMTP server could not listen on port " + port, e);
        }
        return sink;
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public List<MailSandbox.Arrival> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    @Override
    public void clear() {
        synchronized (arrivals) {
            arrivals.clear();
        }
    }

    private void received(String subject) {
        MailSandbox.Arrival arrival = new MailSandbox.Arrival(Instant.now(), decode(subject));
        synchronized (arrivals) {
            arrivals.add(arrival);
        }
    }

    /** RFC 2047: a subject that is not plain ASCII arrives as encoded-words. */
    static String decode(String subject) {
        if (subject == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(subject);
        } catch (UnsupportedEncodingException e) {
            return subject;
        }
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the benchmark's SMTP server did not stop", e);
        }
    }

    /** One client connection: commands line by line, then a message's lines until the lone dot. */
    private final class Session {

        private final NetSocket socket;
        private final RecordParser lines = RecordParser.newDelimited(CRLF);
        private boolean inData;
        private boolean inHeaders;
        private boolean hasSender;
        private boolean hasRecipient;
        private String subject;
        private boolean subjectContinues;

        Session(NetSocket socket) {
            this.socket = socket;
        }

        void start() {
            lines.maxRecordSize(MAX_LINE_BYTES);
            lines.handler(line -> {
                if (inData) {
                    messageLine(line.toString(StandardCharsets.UTF_8));
                } else {
                    command(line.toString(StandardCharsets.US_ASCII));
                }
            });
            lines.exceptionHandler(tooLong -> socket.close());
            socket.handler(lines);
            reply("220 " + NAME + " ESMTP");
        }

        private void command(String line) {
            String verb = (line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line).toUpperCase(Locale.ROOT);
            switch (verb) {
                // No STARTTLS and no AUTH: loopback only, and neither client is configured to ask.
                case "EHLO" -> reply("250-" + NAME + "\r\n250-PIPELINING\r\n250 8BITMIME");
                case "HELO" -> reply("250 " + NAME);
                case "MAIL" -> {
                    resetTransaction();
                    hasSender = true;
                    reply("250 2.1.0 OK");
                }
                case "RCPT" -> {
                    if (!hasSender) {
                        reply("503 5.5.1 MAIL first");
                        return;
                    }
                    hasRecipient = true;
                    reply("250 2.1.5 OK");
                }
                case "DATA" -> {
                    if (!hasRecipient) {
                        reply("503 5.5.1 RCPT first");
                        return;
                    }
                    inData = true;
                    inHeaders = true;
                    reply("354 End data with <CR><LF>.<CR><LF>");
                }
                case "RSET" -> {
                    resetTransaction();
                    reply("250 2.0.0 OK");
                }
                case "NOOP" -> reply("250 2.0.0 OK");
                case "QUIT" -> socket.end(Buffer.buffer("221 2.0.0 Bye\r\n"));
                default -> reply("502 5.5.2 Command not implemented");
            }
        }

        /** A line of the message: only the Subject header is read; the lone dot ends it. */
        private void messageLine(String line) {
            if (line.equals(".")) {
                received(subject);
                resetTransaction();
                reply("250 2.0.0 OK: queued");
                return;
            }
            if (!inHeaders) {
                return;
            }
            // Dot-unstuffing (RFC 5321 4.5.2): a line starting with a dot was sent with one more.
            String unstuffed = line.startsWith(".") ? line.substring(1) : line;
            if (unstuffed.isEmpty()) {
                inHeaders = false;
            } else if (subjectContinues && (unstuffed.charAt(0) == ' ' || unstuffed.charAt(0) == '\t')) {
                // A folded header: its continuation line joins it without the line break.
                subject += unstuffed;
            } else {
                subjectContinues = unstuffed.regionMatches(true, 0, "Subject:", 0, "Subject:".length());
                if (subjectContinues) {
                    subject = unstuffed.substring("Subject:".length()).trim();
                }
            }
        }

        private void resetTransaction() {
            inData = false;
            inHeaders = false;
            hasSender = false;
            hasRecipient = false;
            subject = null;
            subjectContinues = false;
        }

        private void reply(String reply) {
            socket.write(Buffer.buffer(reply).appendBuffer(CRLF));
        }
    }
}
