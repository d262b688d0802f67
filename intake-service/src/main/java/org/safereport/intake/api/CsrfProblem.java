package org.safereport.intake.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.safereport.problem.Problem;

import java.util.List;

/**
 * The CSRF filter refuses a multipart request without a matching token with a bare 400. On the API that
 * answer gets the problem body every API error has, naming the header; the form keeps the bare 400.
 */
public class CsrfProblem {

    static final String HEADER = "X-CSRF-TOKEN";

    @ServerResponseFilter
    public void nameTheToken(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 400 && !response.hasEntity() && request.getUriInfo().getPath().startsWith("/api/")
                && request.getMediaType() != null && request.getMediaType().isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            response.setEntity(new Problem("about:blank", "The CSRF token is missing or does not match", 400, "Check: " + HEADER,
                            List.of(new Problem.FieldError(HEADER, "send the same random token (16 bytes, base64url) in the csrf-token cookie and this header"))),
                    null, MediaType.valueOf(Problem.MEDIA_TYPE));
        }
    }
}
