package org.safereport.system;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.safereport.local.LocalStack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The whole system from its built jars, as the system tests start and use it. */
final class RunningSystem {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RunningSystem() {
    }

    /** The repository the built jars are in (system-tests runs in its own module folder). */
    static Path repositoryRoot() {
        return Path.of(System.getProperty("safereport.repository-root", ".."));
    }

    /** Starts everything on free ports, with its data in {@code data} and extra service configuration. */
    static LocalStack start(Path data, Map<String, String> serviceEnvironment) throws Exception {
        return LocalStack.start(LocalStack.Settings.onFreePorts(repositoryRoot(), data, serviceEnvironment));
    }

    private static final Pattern HIDDEN_FIELD = Pattern.compile("name=\"(csrf-token|submissionId)\" value=\"([^\"]+)\"");

    /**
     * Sends the report form as a browser without JavaScript does: loads the page for its CSRF cookie and
     * hidden fields, then posts them back with {@code fields} as multipart/form-data.
     */
    static HttpResponse<String> submitForm(LocalStack stack, Map<String, String> fields) throws Exception {
        String formUrl = stack.service(LocalStack.INTAKE).url("/report");
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(formUrl)).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("csrf-token="))
                .map(value -> value.split(";", 2)[0]).findFirst().orElseThrow(() -> new IllegalStateException("no CSRF cookie"));
        Map<String, String> all = new LinkedHashMap<>();
        Matcher hidden = HIDDEN_FIELD.matcher(page.body());
        while (hidden.find()) {
            all.put(hidden.group(1), hidden.group(2));
        }
        all.putAll(fields);
        String boundary = "fault-suite-" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        all.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return HTTP.send(HttpRequest.newBuilder(URI.create(formUrl))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", cookie)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Files a report on the intake API, as a client would. */
    static HttpResponse<String> fileReport(LocalStack stack, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.service(LocalStack.INTAKE).url("/api/v1/reports")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(30))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Reads {@code topic} from its start, handing each record to {@code reader}, until nothing new has come for five seconds. */
    static void readTopic(LocalStack stack, String topic, Consumer<ConsumerRecord<String, String>> reader) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(5).toNanos()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    quietSince = System.nanoTime();
                    reader.accept(record);
                }
            }
        }
    }
}
