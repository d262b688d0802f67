package org.safereport.intake.api;

import jakarta.ws.rs.core.Response;
import org.safereport.problem.Problem;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Problem responses the API returns itself rather than throws (several fields at once, 413, 415, 422,
 * 429), in the same shape as the shared {@code ProblemMapper}'s.
 */
final class Problems {

    private Problems() {
    }

    static Response fields(int status, String title, List<Problem.FieldError> errors) {
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return problem(status, title, "Check: " + fields, errors);
    }

    static Response problem(int status, String title, String detail, List<Problem.FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors))
                .build();
    }

    static Response tooManyRequests(Duration retryAfter) {
        return Response.fromResponse(problem(429, "Too many requests",
                        "Please wait " + retryAfter.toSeconds() + " seconds before trying again.", List.of()))
                .header("Retry-After", retryAfter.toSeconds())
                .build();
    }

    static String titleFor(int status) {
        return switch (status) {
            case 413 -> "A file is too large";
            case 415 -> "A file is not a PNG, JPEG or PDF";
            default -> "Some fields need correcting";
        };
    }
}
