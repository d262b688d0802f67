package org.safereport.intake.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/reports}. */
public record ReportSubmission(
        @NotBlank(message = "choose what happened")
        @Pattern(regexp = "[A-Z][A-Z_]{1,63}", message = "must be one of the category codes")
        String category,

        @NotBlank(message = "describe what happened")
        @Size(min = 10, max = 10_000, message = "must be between 10 and 10,000 characters")
        String description,

        @Valid
        Reporter reporter,

        @Valid
        Subject subject,

        Boolean youngPersonAtRisk) {

    /** "I think a young person may be at risk": the safeguarding chain runs as well (rule 1). */
    public boolean atRisk() {
        return Boolean.TRUE.equals(youngPersonAtRisk);
    }

    /** The member the report is about, if any: the report never goes to them. */
    public record Subject(
            @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @Email(message = "must be an email address")
            @Size(max = 254, message = "must be at most 254 characters")
            String email) {
    }

    /** Who filed the report; leave it out to report anonymously. */
    public record Reporter(
            @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @Email(message = "must be an email address")
            @Size(max = 254, message = "must be at most 254 characters")
            String email,

            @Pattern(regexp = "\\+?[0-9 ()-]{6,20}", message = "must be a phone number")
            String phone) {
    }
}
