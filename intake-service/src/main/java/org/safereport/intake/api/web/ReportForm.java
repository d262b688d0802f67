package org.safereport.intake.api.web;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.safereport.intake.submission.ReportSubmission;
import org.safereport.intake.domain.Platform;
import org.safereport.problem.Problem.FieldError;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields the form posts (multipart, for the evidence files), named like the API's JSON fields. */
public class ReportForm {

    @RestForm public String category;
    @RestForm public String description;
    @RestForm("when.date") public String date;
    @RestForm("when.time") public String time;
    @RestForm("where.platform") public String platform;
    @RestForm("where.other") public String platformOther;
    /** One link a line. */
    @RestForm public String links;
    @RestForm("subject.name") public String subjectName;
    @RestForm("subject.email") public String subjectEmail;
    @RestForm public String youngPersonAtRisk;
    @RestForm("reporter.name") public String reporterName;
    @RestForm("reporter.email") public String reporterEmail;
    @RestForm("reporter.phone") public String reporterPhone;
    @RestForm public String anonymous;
    @RestForm public String emailReceipt;
    @RestForm("evidence") public List<FileUpload> evidence;
    @RestForm public String submissionId;
    /** The honeypot: hidden from people, filled in by bots that fill in every field. */
    @RestForm public String website;

    /** What the reporter typed, to show it again. */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "category", category);
        put(values, "description", description);
        put(values, "when.date", date);
        put(values, "when.time", time);
        put(values, "where.platform", platform);
        put(values, "where.other", platformOther);
        put(values, "links", links);
        put(values, "subject.name", subjectName);
        put(values, "subject.email", subjectEmail);
        put(values, "youngPersonAtRisk", youngPersonAtRisk);
        put(values, "reporter.name", reporterName);
        put(values, "reporter.email", reporterEmail);
        put(values, "reporter.phone", reporterPhone);
        put(values, "anonymous", anonymous);
        put(values, "emailReceipt", emailReceipt);
        return values;
    }

    /** The report as the API would take it; what cannot even be read (a date, a platform) goes into {@code errors}. */
    ReportSubmission toSubmission(List<FieldError> errors) {
        LocalDate day = parse("when.date", date, LocalDate::parse, "must be a date, e.g. 2026-11-20", errors);
        LocalTime at = parse("when.time", time, LocalTime::parse, "must be a time, e.g. 14:30", errors);
        Platform where = parse("where.platform", platform, Platform::valueOf, "choose from the list", errors);
        boolean anonymously = text(anonymous) != null;
        return new ReportSubmission(text(category), description == null ? null : description.strip(),
                day == null && at == null ? null : new ReportSubmission.When(day, at),
                where == null && text(platformOther) == null ? null : new ReportSubmission.Where(where, text(platformOther)),
                links == null ? List.of() : Arrays.stream(links.split("\\R")).map(String::strip).filter(link -> !link.isEmpty()).toList(),
                text(subjectName) == null && text(subjectEmail) == null ? null : new ReportSubmission.Subject(text(subjectName), text(subjectEmail)),
                text(youngPersonAtRisk) != null,
                anonymously || (text(reporterName) == null && text(reporterEmail) == null && text(reporterPhone) == null) ? null
                        : new ReportSubmission.Reporter(text(reporterName), text(reporterEmail), text(reporterPhone)),
                anonymously,
                text(emailReceipt) != null);
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(String field, String value, Parser<T> parser, String message, List<FieldError> errors) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return parser.parse(text);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            errors.add(new FieldError(field, message));
            return null;
        }
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void put(Map<String, String> values, String field, String value) {
        if (value != null) {
            values.put(field, value);
        }
    }
}
