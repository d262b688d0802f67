package org.safereport.bench;

import org.safereport.local.ManagedProcess;
import org.safereport.local.Ports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Prometheus Alertmanager (Debian's package) as the reference: one route to email on the same SMTP server,
 * {@code group_by: [bench_id]} so that every alert is a group of its own and is mailed on its own, and
 * {@code group_wait: 0s} so that it is mailed at once. The subject carries the alert's id, so its email is
 * matched the way a report's is. Runs on loopback, clustering off, with its storage in the results folder.
 */
final class Alertmanager implements AutoCloseable {

    static final String KEY_PREFIX = "AMB-";

    private final ManagedProcess process;
    private final int port;
    private final HttpClient http;

    private Alertmanager(ManagedProcess process, int port, HttpClient http) {
        this.process = process;
        this.port = port;
        this.http = http;
    }

    static Alertmanager start(Path workDirectory, int smtpPort, HttpClient http) throws IOException, InterruptedException {
        String executable = executable();
        Files.createDirectories(workDirectory.resolve("data"));
        Path config = workDirectory.resolve("alertmanager.yml");
        Files.writeString(config, """
                global:
                  smtp_smarthost: '127.0.0.1:%d'
                  smtp_from: 'alertmanager@example.org'
                  smtp_hello: 'localhost'
                  smtp_require_tls: false
                route:
                  receiver: email
                  group_by: ['bench_id']
                  group_wait: 0s
                  group_interval: 5m
                  repeat_interval: 24h
                receivers:
                  - name: email
                    email_configs:
                      - to: 'oncall@example.org'
                        send_resolved: false
                        headers:
                          Subject: '[Bench] {{ .CommonLabels.bench_id }}'
                """.formatted(smtpPort));
        int port = Ports.orFree(0);
        ManagedProcess process = new ManagedProcess("alertmanager", List.of(executable,
                "--config.file=" + config, "--storage.path=" + workDirectory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=warn"),
                Map.of(), workDirectory.resolve("alertmanager.log"));
        process.start();
        Alertmanager alertmanager = new Alertmanager(process, port, http);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!alertmanager.isReady()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.stop();
                throw new IllegalStateException("Alertmanager did not start; see " + process.logFile());
            }
            Thread.sleep(50);
        }
        return alertmanager;
    }

    /** Debian installs it as prometheus-alertmanager; an upstream install calls it alertmanager. */
    private static String executable() {
        for (String name : List.of("prometheus-alertmanager", "alertmanager")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        throw new IllegalStateException("Alertmanager is not installed: apt-get install prometheus-alertmanager");
    }

    private boolean isReady() {
        return Ports.answersOk("http://127.0.0.1:" + port + "/-/ready", Duration.ofSeconds(1));
    }

    long pid() {
        return process.pid();
    }

    String version() {
        try {
            Process version = new ProcessBuilder(executable(), "--version").redirectErrorStream(true).start();
            String first = new String(version.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            version.waitFor();
            return first.replaceAll("\\s*\\(branch.*", "").trim();
        } catch (IOException | InterruptedException e) {
            return "alertmanager";
        }
    }

    /** Fires alert {@code phase-index} with its id as its only distinguishing label. */
    OpenLoop.Target target(String phase) {
        URI alerts = URI.create("http://127.0.0.1:" + port + "/api/v2/alerts");
        return index -> {
            String id = KEY_PREFIX + phase + "-" + index;
            String body = "[{\"labels\": {\"alertname\": \"SafeReportBench\", \"bench_id\": \"" + id + "\"},"
                    + " \"annotations\": {\"summary\": \"A fictional alert from the benchmark.\"},"
                    + " \"startsAt\": \"" + Instant.now() + "\"}]";
            HttpRequest request = HttpRequest.newBuilder(alerts)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> response.statusCode() == 200
                            ? new OpenLoop.Outcome(true, id, null)
                            : new OpenLoop.Outcome(false, null, "HTTP " + response.statusCode()));
        };
    }

    @Override
    public void close() {
        process.stop();
    }
}
