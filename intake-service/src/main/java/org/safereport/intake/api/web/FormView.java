package org.safereport.intake.api.web;

import org.safereport.intake.domain.Platform;
import org.safereport.intake.domain.PolicyCategory;
import org.safereport.problem.Problem.FieldError;

import java.util.List;
import java.util.Map;

/**
 * What the form page shows: the policy's categories, what the reporter typed (kept when something needs
 * correcting) and the errors, each next to its field and listed in a summary at the top.
 *
 * @param submissionId a random id per form, sent back as its Idempotency-Key: sending the page twice
 *                     (a double tap, a refresh) files one report
 */
public record FormView(List<PolicyCategory> categories, Map<String, String> values, List<FieldError> errors,
                       String submissionId, String notice) {

    public List<Platform> platforms() {
        return List.of(Platform.values());
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public boolean checked(String field) {
        return !value(field).isEmpty();
    }

    public boolean is(String field, String option) {
        return value(field).equals(option);
    }

    public boolean hasErrors() {
        return !errors.isEmpty() || notice != null;
    }

    /** The field's errors as a sentence, shown beside it. */
    public String error(String field) {
        return errors.stream().filter(error -> error.field().equals(field)).map(FieldError::message)
                .reduce((first, second) -> first + "; " + second)
                .map(message -> Character.toUpperCase(message.charAt(0)) + message.substring(1))
                .orElse(null);
    }

    /** The id of the control an error summary entry links to: the first radio button of a group. */
    public String anchor(String field) {
        if (field.equals("category")) {
            return categories.isEmpty() ? "category" : "category-" + categories.get(0).code();
        }
        return field.replace('.', '-');
    }

    /** The error's field in the words of the form, for the summary at the top. */
    public String label(String field) {
        return switch (field) {
            case "category" -> "What happened";
            case "description" -> "Describe what happened";
            case "when.date" -> "Date";
            case "when.time" -> "Time";
            case "where.platform" -> "Where it happened";
            case "where.other" -> "Where else";
            case "links" -> "Links";
            case "subject.name" -> "Their name";
            case "subject.email" -> "Their work email";
            case "reporter.name" -> "Your name";
            case "reporter.email" -> "Your work email";
            case "reporter.phone" -> "Your phone number";
            case "emailReceipt" -> "Email me a receipt";
            case "evidence" -> "Evidence";
            default -> "This form";
        };
    }
}
