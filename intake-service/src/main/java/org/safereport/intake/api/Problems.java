package org.safereport.intake.api;

import jakarta.ws.rs.core.Response;
import org.safereport.problem.ProblemMapper;

import java.time.Duration;
import java.util.List;

/**
 * The intake API's own problem wording: the 429 with its {@code Retry-After}, and titles for file problems.
 */
final class Problems {

    private Problems() {
    }

    static Response tooManyRequests(Duration retryAfter) {
        return Response.fromResponse(ProblemMapper.problem(429, "Too many requests",
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
