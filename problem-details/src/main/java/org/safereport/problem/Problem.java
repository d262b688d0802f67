package org.safereport.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}); {@code errors} names each field
 * that was wrong and why.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "An RFC 9457 problem details body; errors names each field that was wrong and why.")
public record Problem(
        @Schema(required = true, format = "uri-reference", examples = "about:blank") String type,
        @Schema(required = true, examples = "Some fields need correcting") String title,
        @Schema(required = true, minimum = "400", maximum = "599", examples = "400") int status,
        @Schema(examples = "Check: category, reporter.email") String detail,
        @Schema(description = "Left out when no one field is to blame") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(
            @Schema(required = true, description = "The field, query parameter, header or part, as the client sent it",
                    examples = "reporter.email") String field,
            @Schema(required = true, examples = "must be an email address") String message) {
    }
}
