package org.safereport.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The one place where every failure becomes an {@code application/problem+json} response. */
public class ProblemMapper {

    private static final int RETRY_AFTER_SECONDS = 30;

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** The framework's handlers that read a request before any resource of ours sees it. */
    private static final String FORM_READER = "org.jboss.resteasy.reactive.server.handlers.FormBodyHandler";
    private static final String MEDIA_TYPE_READER = "org.jboss.resteasy.reactive.server.handlers.MediaTypeMapper";

    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldOf(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return badRequest(errors);
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        return badRequest(List.of(new Problem.FieldError(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    public Response brokenJson(JsonParseException e) {
        return brokenJson((JsonProcessingException) e);
    }

    /**
     * JSON that cannot be read: names the field the reader was in when it gave up ({@code when.date}), or
     * {@code body} when it was not in one, or gave up before knowing (a number or nesting past the
     * reader's limits).
     */
    public static Response brokenJson(JsonProcessingException e) {
        String field = e instanceof StreamReadException read && read.getProcessor() != null
                ? pathOf(read.getProcessor().getParsingContext()) : "";
        String message = e instanceof StreamConstraintsException ? "is too long or too deeply nested to read" : "is not valid JSON";
        return problem(400, "The request body is not valid JSON", e.getOriginalMessage(),
                List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, message)));
    }

    /** Declared for the subtype too, so that it wins over Quarkus' own mapper for it. */
    @ServerExceptionMapper
    public Response unmappableJson(MismatchedInputException e) {
        return unmappableJson((JsonMappingException) e);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e) {
        if (e.getCause() instanceof StreamReadException unreadable) {
            // JSON the reader gave up on inside a record (a field given twice): where it was says more.
            return brokenJson(unreadable);
        }
        String field = pathOf(e);
        String message = e instanceof UnrecognizedPropertyException ? "is not a known field"
                : "has the wrong type or format";
        return badRequest(List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, message)));
    }

    /** A body that ends early (a multipart body cut before its closing boundary) is the client's broken request. */
    @ServerExceptionMapper
    public Response brokenBody(java.io.IOException e) {
        return brokenBody("The body ended early or is not well-formed: " + e.getMessage());
    }

    private static Response brokenBody(String detail) {
        return problem(400, "The request body could not be read", detail,
                List.of(new Problem.FieldError("body", "is not a well-formed request body")));
    }

    /**
     * Quarkus reads a JSON body itself and hands its reader's failures on wrapped in a plain 400, and a
     * parameter {@link StrictParameters} cannot read wrapped in a 404: unwrapped here, they name the field
     * like any other.
     */
    @ServerExceptionMapper
    public Response httpError(WebApplicationException e) {
        if (e.getCause() instanceof InvalidFieldException invalid) {
            return invalidField(invalid);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unmappableJson(mapping);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return brokenJson(json);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        String reading = readingTheRequest(e);
        if (reading != null) {
            return reading.equals(FORM_READER) ? brokenBody("The multipart body is not well-formed.")
                    : fields(400, "The Content-Type header is not a media type",
                    List.of(new Problem.FieldError("Content-Type", "is not a media type, e.g. application/json")));
        }
        if (isDatabaseUnavailable(e)) {
            // Sending the same request again is safe: with the same Idempotency-Key it cannot be recorded twice.
            LOG.warnf("Database unavailable, answered 503: %s", e.toString());
            return Response.fromResponse(problem(503, "Service Unavailable",
                    "We could not save this just now. Please send it again in a minute.", List.of()))
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        LOG.error("Unexpected failure", e);
        return problem(500, "Internal Server Error", "Something went wrong on our side. Please try again.", List.of());
    }

    /**
     * Whether the failure is the database being out of reach (stopped, restarting, no free connection)
     * rather than a fault in the request or in our code: SQLSTATE class 08 (connection exception), 57P
     * (operator intervention: shutdown, cannot connect now), a transient or recoverable SQL exception, or
     * the connection pool giving up waiting. A failed commit carries its reason as a suppressed exception,
     * so those are searched as well as the causes.
     */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        return isDatabaseUnavailable(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean isDatabaseUnavailable(Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return false;
        }
        if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException
                || failure instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (failure instanceof SQLException sql) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
            if (state.startsWith("08") || state.startsWith("57P") || message.contains("acquisition timeout")) {
                return true;
            }
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (isDatabaseUnavailable(suppressed, seen)) {
                return true;
            }
        }
        return isDatabaseUnavailable(failure.getCause(), seen);
    }

    /**
     * The framework's handler that threw {@code e} while reading the request, before any code of ours ran;
     * null otherwise. Reading a multipart body (a Content-Type whose boundary is empty, a part whose headers
     * are broken or whose charset is unknown) and a Content-Type header that is not a media type fail with
     * plain runtime exceptions (StringIndexOutOfBounds, IllegalArgument, MalformedMessage): their type
     * says nothing, but where they were thrown says it is the client's broken request, not a server error.
     */
    private static String readingTheRequest(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("org.safereport.")) {
                return null;
            }
            if (type.equals(FORM_READER) || type.equals(MEDIA_TYPE_READER)) {
                return type;
            }
        }
        return null;
    }

    private static Response badRequest(List<Problem.FieldError> errors) {
        return fields(400, "Some fields need correcting", errors);
    }

    /** A problem response that names each field that was wrong, its detail listing them. */
    public static Response fields(int status, String title, List<Problem.FieldError> errors) {
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return problem(status, title, "Check: " + fields, errors);
    }

    /** A problem response, for a resource that answers one rather than throwing. */
    public static Response problem(int status, String title, String detail, List<Problem.FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors))
                .build();
    }

    /**
     * {@code reporter.email} rather than {@code submit.submission.reporter.email}; a parameter's own name
     * ({@code limit}) when the constraint is on the parameter itself.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        String parameter = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY) {
                names.add(node.getName());
            } else if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            }
        }
        return names.isEmpty() ? parameter : String.join(".", names);
    }

    /** {@code when.date}, {@code links[0]}: where the JSON reader was. */
    private static String pathOf(JsonStreamContext context) {
        List<String> segments = new ArrayList<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject() && at.getCurrentName() != null) {
                segments.add(0, at.getCurrentName());
            } else if (at.inArray() && at.getCurrentIndex() >= 0) {
                segments.add(0, "[" + at.getCurrentIndex() + "]");
            }
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append(path.isEmpty() || segment.startsWith("[") ? "" : ".").append(segment);
        }
        return path.toString();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
