package org.safereport.problem;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.Set;

/**
 * Adds to a service's OpenAPI document the error responses that come from the framework and
 * {@link ProblemMapper} rather than from a resource: every operation can answer 406 (an Accept header it
 * cannot meet), 414 (a request line longer than the server reads) and 500, one that takes a body 415 (a
 * Content-Type it does not read), and one that needs a sign-in 401 with the challenge and 403 (signed in,
 * but not allowed: e.g. not in the people directory). The security layer answers 401 and 403 and the HTTP
 * layer 414 before any resource runs, without a body; every other error response an operation
 * declares without a body has the {@link Problem} body, as {@code application/problem+json}, and a 429 or
 * 503 may say when to try again in {@code Retry-After}. Named by {@code mp.openapi.filter} in each
 * service's configuration.
 */
public class ErrorResponses implements OASFilter {

    private static final String NOT_SIGNED_IN = "401";
    private static final String NOT_ALLOWED = "403";
    private static final String URI_TOO_LONG = "414";
    private static final Set<String> FROM_THE_HTTP_LAYER = Set.of(NOT_SIGNED_IN, NOT_ALLOWED, URI_TOO_LONG);

    @Override
    public void filterOpenAPI(OpenAPI document) {
        if (document.getPaths() == null) {
            return;
        }
        document.getPaths().getPathItems().values()
                .forEach(path -> path.getOperations().values().forEach(ErrorResponses::declareErrors));
    }

    private static void declareErrors(Operation operation) {
        APIResponses responses = operation.getResponses();
        addIfMissing(responses, "406", OASFactory.createAPIResponse()
                .description("The Accept header names no media type this operation answers with"));
        if (operation.getRequestBody() != null) {
            addIfMissing(responses, "415", OASFactory.createAPIResponse()
                    .description("The Content-Type is not one this operation reads"));
        }
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            addIfMissing(responses, NOT_SIGNED_IN, OASFactory.createAPIResponse()
                    .description("Not signed in: no credentials, or wrong, expired or forged ones")
                    .addHeader("WWW-Authenticate", OASFactory.createHeader().required(true)
                            .description("The challenge").schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
            addIfMissing(responses, NOT_ALLOWED, OASFactory.createAPIResponse()
                    .description("Signed in, but not allowed: e.g. someone the people directory does not know"));
        }
        addIfMissing(responses, URI_TOO_LONG, OASFactory.createAPIResponse()
                .description("The request line is longer than the server reads"));
        addIfMissing(responses, "500", OASFactory.createAPIResponse().description("Something went wrong on our side"));
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.matches("[45]\\d\\d") && !FROM_THE_HTTP_LAYER.contains(status) && response.getContent() == null) {
                response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
            }
            if ((status.equals("429") || status.equals("503")) && response.getHeaders() == null) {
                response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before trying again")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
            }
        });
    }

    private static void addIfMissing(APIResponses responses, String status, APIResponse response) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, response);
        }
    }
}
