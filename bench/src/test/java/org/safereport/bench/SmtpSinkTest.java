package org.safereport.bench;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safereport.local.MailSandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpSinkTest {

    private SmtpSink sink;

    @BeforeEach
    void start() {
        sink = SmtpSink.start(0);
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void aMessageSentByAMailClientIsRecordedWithItsDecodedSubjectAndWhenItArrived() throws Exception {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", "127.0.0.1");
        settings.put("mail.smtp.port", Integer.toString(sink.port()));
        settings.put("mail.smtp.timeout", "5000");
        settings.put("mail.smtp.localhost", "client.example.org");
        MimeMessage message = new MimeMessage(Session.getInstance(settings));
        message.setFrom(new InternetAddress("safereport@example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("chief.executive@example.org"));
        // Not ASCII, so the client sends it as RFC 2047 encoded-words, and long enough to be folded.
        String subject = "[Urgent] SM-AB12-CD34: report passed to you, needs your response within 2 hours – Zoë Fictional";
        message.setSubject(subject, "UTF-8");
        message.setText("A fictional report.\n.\nA line with only a dot above, sent stuffed.\n");
        Instant before = Instant.now();

        Transport.send(message);

        List<MailSandbox.Arrival> arrivals = sink.arrivals();
        assertThat(arrivals).hasSize(1);
        assertThat(arrivals.get(0).subject()).isEqualTo(subject);
        assertThat(arrivals.get(0).receivedAt()).isBetween(before, Instant.now());
    }

    @Test
    void theWholeMultiLineReplyToEhloArrivesInTheFirstRead() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", sink.port())) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            assertThat(firstRead(in)).startsWith("220 ");

            socket.getOutputStream().write("EHLO client.example.org\r\n".getBytes(StandardCharsets.US_ASCII));

            String reply = firstRead(in);
            assertThat(reply).startsWith("250-").contains("\r\n250-PIPELINING\r\n").endsWith("\r\n");
            assertThat(reply.lines().toList().get(reply.lines().toList().size() - 1)).startsWith("250 ");
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrderAndAStuffedDotDoesNotEndTheMessage() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", sink.port())) {
            socket.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            List<String> codes = new ArrayList<>();
            codes.add(replyCode(in));

            out.write(("EHLO client.example.org\r\nMAIL FROM:<alertmanager@example.org>\r\n"
                    + "RCPT TO:<oncall@example.org>\r\nDATA\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 4; i++) {
                codes.add(replyCode(in));
            }
            out.write(("Subject: [Bench] AMB-f10-7\r\nTo: oncall@example.org\r\n\r\nA fictional alert.\r\n"
                    + "..\r\n.. not the end\r\n.\r\nRSET\r\nNOOP\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 4; i++) {
                codes.add(replyCode(in));
            }

            assertThat(codes).containsExactly("220", "250", "250", "250", "354", "250", "250", "250", "221");
            assertThat(in.readLine()).as("closed after QUIT").isNull();
        }
        assertThat(sink.arrivals()).extracting(MailSandbox.Arrival::subject).containsExactly("[Bench] AMB-f10-7");
    }

    @Test
    void clearingForgetsWhatArrived() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", sink.port())) {
            socket.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            socket.getOutputStream().write(("HELO client.example.org\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\n"
                    + "DATA\r\nSubject: first\r\n\r\n.\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
            while (in.readLine() != null) {
                // until the server closes after QUIT
            }
        }
        assertThat(sink.arrivals()).hasSize(1);

        sink.clear();

        assertThat(sink.arrivals()).isEmpty();
    }

    private static String firstRead(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        int read = in.read(buffer);
        return new String(buffer, 0, Math.max(read, 0), StandardCharsets.US_ASCII);
    }

    /** Reads one reply, following its continuation lines, and gives its code. */
    private static String replyCode(BufferedReader in) throws IOException {
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine();
        }
        assertThat(line).as("a reply").isNotNull();
        return line.substring(0, 3);
    }
}
