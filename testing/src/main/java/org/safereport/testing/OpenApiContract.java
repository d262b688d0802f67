package org.safereport.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds every REST Assured call a service's tests make to its JSON API (paths under {@code /api/}) to the
 * OpenAPI document the running service serves at {@code /q/openapi}: every response must be one the document
 * declares for its operation (status, media type, headers, body), and an operation the service answers must
 * be in the document. Tests send malformed requests on purpose, so what is wrong with a request is not a
 * failure by itself, unless it is the document's fault: a schema the validator cannot read. The pages and
 * the {@code /q/} endpoints are not in the document and are not checked. A service's tests use it by naming
 * this class in {@code META-INF/services/io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback}.
 */
public class OpenApiContract implements QuarkusTestBeforeEachCallback, Filter {

    private static final String API = "/api/";
    private static final OpenApiContract FILTER = new OpenApiContract();
    /** One document per running app: a test profile starts another app, on another port. */
    private static final Map<URI, OpenApiInteractionValidator> DOCUMENTS = new ConcurrentHashMap<>();
    /**
     * A request's own faults are warnings; a schema that cannot be read (a pattern that is not ECMA-262) is
     * an error whichever side it is on. Query parameters the document does not name are ignored, as the
     * service ignores them.
     */
    private static final LevelResolver LEVELS = LevelResolver.create()
            .withLevel("validation.request", ValidationReport.Level.WARN)
            .withLevel("validation.request.body.schema.processingError", ValidationReport.Level.ERROR)
            .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.IGNORE)
            .build();
    /** The request found no operation in the document: an error only if the service answered one. */
    private static final Set<String> NO_OPERATION = Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(FILTER)) {
            RestAssured.filters(FILTER);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification expected, FilterContext next) {
        Response response = next.next(request, expected);
        if (!request.getDerivedPath().startsWith(API)) {
            return response;
        }
        ValidationReport report = DOCUMENTS.computeIfAbsent(origin(request), OpenApiContract::served)
                .validate(RestAssuredRequest.of(request), RestAssuredResponse.of(response));
        boolean answered = response.statusCode() < 400;
        List<ValidationReport.Message> disagreements = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR
                        || answered && NO_OPERATION.contains(message.getKey()))
                .toList();
        if (!disagreements.isEmpty()) {
            throw new AssertionError(request.getMethod() + " " + request.getDerivedPath() + " answered "
                    + response.statusCode() + "; the OpenAPI document disagrees:\n"
                    + SimpleValidationReportFormat.getInstance().apply(ValidationReport.from(disagreements.stream()
                    .map(message -> message.withLevel(ValidationReport.Level.ERROR)).toList())));
        }
        return response;
    }

    private static URI origin(FilterableRequestSpecification request) {
        URI uri = URI.create(request.getURI());
        return URI.create(uri.getScheme() + "://" + uri.getAuthority());
    }

    private static OpenApiInteractionValidator served(URI origin) {
        try {
            // A service that never answers fails the test that asked, rather than holding the build until CI gives up.
            HttpResponse<String> document = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(origin.resolve("/q/openapi?format=json")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (document.statusCode() != 200) {
                throw new IllegalStateException(origin + "/q/openapi answered " + document.statusCode());
            }
            return OpenApiInteractionValidator.createForInlineApiSpecification(document.body()).withLevelResolver(LEVELS).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI document of " + origin, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the OpenAPI document of " + origin, e);
        }
    }
}
