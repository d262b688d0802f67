package org.safereport.escalation.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/** The reports intake holds that name one person, from its internal API, for the export of a person's data. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PersonReports(List<Involved> reports) {

    public PersonReports {
        reports = reports == null ? List.of() : List.copyOf(reports);
    }

    /** The look-up, sent in the body. */
    public record Lookup(String email) {
    }

    /** @param involvement {@code REPORTER}, {@code SUBJECT}, or both */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Involved(List<String> involvement, ReportContent report, Progress progress) {
    }

    /** What intake keeps for the reporter's status page, and whether they asked for a receipt by email. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Progress(String status, String withRoleTitle, Instant respondBy, Instant acknowledgedAt,
                           Instant closedAt, String outcome, boolean emailReceipt) {
    }
}
