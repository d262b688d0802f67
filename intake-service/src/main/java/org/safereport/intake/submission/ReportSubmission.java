package org.safereport.intake.submission;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.safereport.intake.domain.Platform;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** A report as the API takes it (JSON, or the {@code report} part of a multipart request) and the form builds it. */
public record ReportSubmission(
        @Schema(description = "A category code of the policy in force", examples = "RESIDENT_CONTACT")
        @NotBlank(message = "choose what happened")
        @Pattern(regexp = "^[A-Z][A-Z_]{1,63}$", message = "must be one of the category codes")
        String category,

        @NotBlank(message = "describe what happened")
        @Size(min = 10, max = 10_000, message = "must be between 10 and 10,000 characters")
        @StorableText
        String description,

        @Valid
        When when,

        @Valid
        Where where,

        @Size(max = 10, message = "must be at most 10 links")
        List<@NotNull(message = "must be a link")
             @Size(max = 2000, message = "must be at most 2,000 characters")
             // Any case of "http", without Java's (?i): the OpenAPI document's readers know only ECMA-262 patterns.
             @Pattern(regexp = "^[hH][tT][tT][pP][sS]?://[^\\s/?#]+[^\\s]*$", message = "must be a web address starting with http:// or https://")
             @StorableText
             String> links,

        @Valid
        Subject subject,

        Boolean youngPersonAtRisk,

        @Valid
        Reporter reporter,

        @Schema(description = "Report anonymously: no contact details are kept")
        Boolean anonymous,

        @Schema(description = "Email the reporter a receipt (needs reporter.email, not with anonymous)")
        Boolean emailReceipt) {

    /** "I think a young person may be at risk": the safeguarding chain runs as well (rule 1). */
    public boolean atRisk() {
        return Boolean.TRUE.equals(youngPersonAtRisk);
    }

    public boolean isAnonymous() {
        return Boolean.TRUE.equals(anonymous);
    }

    public boolean wantsReceipt() {
        return Boolean.TRUE.equals(emailReceipt);
    }

    /** The contact details to keep: none when the reporter chose to stay anonymous. */
    public Reporter keptReporter() {
        return isAnonymous() ? null : reporter;
    }

    public List<String> linkList() {
        return links == null ? List.of() : links;
    }

    /** When it happened: a date, and a time if the reporter knows it. */
    public record When(
            @PastOrPresent(message = "must not be in the future")
            LocalDate date,
            LocalTime time) {
    }

    /** Where it happened. */
    public record Where(
            Platform platform,
            @Size(max = 100, message = "must be at most 100 characters")
            @StorableText
            String other) {
    }

    /** The member the report is about, if any: the report never goes to them. */
    public record Subject(
            @Size(max = 200, message = "must be at most 200 characters")
            @StorableText
            String name,

            @Email(message = "must be an email address")
            @Size(max = 254, message = "must be at most 254 characters")
            @StorableText
            String email) {
    }

    /** Who filed the report; leave it out (or set anonymous) to report anonymously. */
    public record Reporter(
            @Size(max = 200, message = "must be at most 200 characters")
            @StorableText
            String name,

            @Email(message = "must be an email address")
            @Size(max = 254, message = "must be at most 254 characters")
            @StorableText
            String email,

            @Pattern(regexp = "^\\+?[0-9 ()-]{6,20}$", message = "must be a phone number")
            @Size(max = 20, message = "must be at most 20 characters")
            String phone) {
    }
}
