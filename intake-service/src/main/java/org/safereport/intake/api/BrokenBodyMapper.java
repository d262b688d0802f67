package org.safereport.intake.api;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.util.List;

/**
 * A multipart body that ends before its closing boundary reaches the resource as a plain
 * {@link IOException}, which the shared {@code ProblemMapper} would answer as a 500. It is the client's
 * broken request: 400. (Proposed for problem-details, so that every service answers it the same way.)
 */
public class BrokenBodyMapper {

    @ServerExceptionMapper
    public Response brokenBody(IOException e) {
        return Problems.problem(400, "The request body could not be read",
                "The body ended early or is not well-formed: " + e.getMessage(), List.of());
    }
}
