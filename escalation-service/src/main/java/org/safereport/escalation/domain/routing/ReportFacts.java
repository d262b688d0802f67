package org.safereport.escalation.domain.routing;

/**
 * What routing needs to know about a report.
 *
 * @param reporterEmail the reporter's work email, {@code null} when anonymous
 * @param subjectEmail the work email of the member the report is about, {@code null} when none is named
 */
public record ReportFacts(String category, String reporterEmail, String subjectEmail, boolean youngPersonAtRisk) {
}
