package org.safereport.intake.api;

import jakarta.ws.rs.core.Response;
import org.safereport.intake.submission.ReportIntake;
import org.safereport.problem.ProblemMapper;

import java.time.Duration;
import java.util.List;

/**
 * The intake API's own problem wording: the 429 with its {@code Retry-After}, and a refused report.
 */
final class Problems {

    /** Long enough for the decodes queued ahead of this one to have finished. */
    private static final int BUSY_RETRY_AFTER_SECONDS = 30;

    private Problems() {
    }

    static Response tooManyRequests(Duration retryAfter) {
        return Response.fromResponse(ProblemMapper.problem(429, "Too many requests",
                        "Please wait " + retryAfter.toSeconds() + " seconds before trying again.", List.of()))
                .header("Retry-After", retryAfter.toSeconds())
                .build();
    }

    /** A refused report as the API answers it: the status and title say why, the errors name the fields. */
    static Response refused(ReportIntake.Refused refused) {
        return switch (refused.refusal()) {
            case NOT_READY -> ProblemMapper.problem(503, "Not ready",
                    "Reports cannot be taken until the routing policy is known. Please try again in a minute.", List.of());
            case IDEMPOTENCY_KEY_REUSED -> ProblemMapper.fields(422, "Idempotency-Key reused", refused.errors());
            case TOO_LARGE -> ProblemMapper.fields(413, "A file is too large", refused.errors());
            case UNSUPPORTED_FILE -> ProblemMapper.fields(415, "A file is not a readable PNG, JPEG or PDF", refused.errors());
            case UNSAFE_FILE -> ProblemMapper.fields(422, "A file could run something", refused.errors());
            case BUSY -> Response.fromResponse(ProblemMapper.fields(503, "Busy", refused.errors()))
                    .header("Retry-After", BUSY_RETRY_AFTER_SECONDS).build();
            case INVALID -> ProblemMapper.fields(400, "Some fields need correcting", refused.errors());
        };
    }
}
