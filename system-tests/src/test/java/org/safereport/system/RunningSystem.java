package org.safereport.system;

import org.safereport.local.LocalStack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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

    /** Files a report on the intake API, as a client would. */
    static HttpResponse<String> fileReport(LocalStack stack, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.service(LocalStack.INTAKE).url("/api/v1/reports")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(30))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
