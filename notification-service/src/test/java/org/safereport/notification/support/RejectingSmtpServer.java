package org.safereport.notification.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server, over TCP, that rejects every recipient as a mail server does for an unknown mailbox:
 * {@code 550 5.1.1 <address>: Recipient address rejected: User unknown}. GreenMail accepts every recipient,
 * so this small one stands in for a production relay's permanent refusal.
 */
public final class RejectingSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger rejectedRecipients = new AtomicInteger();
    private final Thread acceptor;

    public RejectingSmtpServer(int port) throws IOException {
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        acceptor = new Thread(this::acceptConnections, "rejecting-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** How many RCPT TO commands it has refused. */
    public int rejectedRecipients() {
        return rejectedRecipients.get();
    }

    private void acceptConnections() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread session = new Thread(() -> converse(connection), "rejecting-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket connection) {
        try (connection;
             BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
             Writer out = new OutputStreamWriter(connection.getOutputStream(), StandardCharsets.US_ASCII)) {
            reply(out, "220 mx.example.org ESMTP ready");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 mx.example.org");
                } else if (command.startsWith("MAIL FROM")) {
                    reply(out, "250 2.1.0 Ok");
                } else if (command.startsWith("RCPT TO")) {
                    rejectedRecipients.incrementAndGet();
                    String address = line.substring(line.indexOf(':') + 1).trim();
                    reply(out, "550 5.1.1 " + address + ": Recipient address rejected: User unknown in virtual mailbox table");
                } else if (command.startsWith("DATA")) {
                    reply(out, "554 5.5.1 Error: no valid recipients");
                } else if (command.startsWith("RSET") || command.startsWith("NOOP")) {
                    reply(out, "250 2.0.0 Ok");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 Error: command not recognized");
                }
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
