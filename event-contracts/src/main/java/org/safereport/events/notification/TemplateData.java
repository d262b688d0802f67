package org.safereport.events.notification;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a notification's messages show, one record per kind of template ({@link Template#dataType()}): only
 * what the recipient needs (rule 7), so never a report's description or its reporter. On the wire it is the
 * request's {@code data} object; absent values are left out.
 */
public sealed interface TemplateData {

    /** The data of every message about a case: what was reported, and how urgent the policy says it is. */
    sealed interface AboutACase extends TemplateData permits CaseNotice, CaseAcknowledged, NobodyReached, ReporterReplied {

        String categoryLabel();

        String urgency();
    }

    /**
     * A case needs the recipient's response: {@code new-case}, {@code escalation} and {@code reminder}.
     *
     * @param role the recipient's role on the case, a routing-policy role code such as {@code DEPUTY_DSL}
     * @param within how long they have, in words ("1 hour", "8 working hours")
     * @param dueAtLocal {@code dueAt} in the policy's time zone, in words
     * @param timeZone the recipient's own time zone (IANA id) when the directory gives one, e.g. for someone
     *                 working abroad; the message then shows {@code dueAt} in it
     * @param shortAcknowledgementLink a short link for text messages, which a signed link does not fit
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CaseNotice(String categoryLabel, String urgency, String role, String within, Instant dueAt,
                      String dueAtLocal, String timeZone, String recipientAction, String shortAcknowledgementLink)
            implements AboutACase {
    }

    /** Someone has the case: {@code acknowledged}, to everyone told earlier on its chain. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CaseAcknowledged(String categoryLabel, String urgency, String acknowledgedByRole) implements AboutACase {
    }

    /**
     * Nobody at a step of a case could be told: {@code unreachable}, to the policy's last-resort person, so
     * that a report is never left with nobody aware of it.
     *
     * @param role the role of the step nobody could be told at, a routing-policy role code
     * @param reason why, in plain words, without addresses or numbers
     * @param nowWithRole the role the case has moved on to, or {@code null} when the chain has no one left
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record NobodyReached(String categoryLabel, String urgency, String role, String reason, String nowWithRole)
            implements AboutACase {
    }

    /**
     * The reporter's receipt: {@code receipt}. Never the receipt code: an email is not a safe place for a
     * secret, and the reporter was shown it once.
     *
     * @param statusUrl the status page, absolute or a path under the public address
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReportReceipt(String categoryLabel, String statusUrl) implements TemplateData {
    }

    /** The policy is due for review: {@code policy-review}, to the Chair of Trustees. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PolicyReviewDue(String policyVersion, LocalDate approvedOn, LocalDate reviewDue) implements TemplateData {
    }

    /**
     * A quarter's figures: {@code trustees-report}, to the Chair of Trustees at the start of the next quarter. Counts
     * and times only, never anything about a person.
     *
     * @param period the quarter in words, e.g. "July to September 2026 (2026-Q3)"
     * @param medianTimeToAcknowledge in words, e.g. "2 h 05 min"; absent when nothing was acknowledged
     * @param reportUrl the page with the charts and the CSV, a path under the staff address
     * @param removalRequests the removal requests made in the quarter; {@code removalsConfirmed} of them removed and checked
     * @param referrals the disciplinary referrals opened in the quarter
     * @param membersConfirmedPolicy how many of the directory's {@code members} have confirmed reading the policy
     *                               version in force, {@code policyVersion}, when the email is sent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record QuarterFigures(String period, int reports, int acknowledgedWithinDeadline, int wentOverdue, int reachedEndOfChain,
                          String medianTimeToAcknowledge, String ninetiethPercentileTimeToAcknowledge,
                          List<CategoryLine> categories, String reportUrl, int removalRequests, int removalsConfirmed,
                          int referrals, String policyVersion, int members, int membersConfirmedPolicy) implements TemplateData {

        /** One category's line: its reports, and how many were acknowledged within its first deadline. */
        @JsonIgnoreProperties(ignoreUnknown = true)
        public record CategoryLine(String label, int reports, int acknowledgedWithinDeadline, String deadline) {
        }
    }

    /**
     * A message from staff waits on the reporter's status page: {@code message-waiting}. Never the message:
     * whoever reads the reporter's mail must not learn what the case is about.
     *
     * @param statusUrl the status page, absolute or a path under the public address
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MessageWaiting(String statusUrl) implements TemplateData {
    }

    /** The reporter answered on their status page: {@code reporter-replied}, to the case's handler, without the answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReporterReplied(String categoryLabel, String urgency) implements AboutACase {
    }

    /**
     * A post to remove: {@code removal-request} and {@code removal-reminder}, to the person asked, who may be
     * outside the organisation: what and where the post is, and by when, never the report or who made it.
     *
     * @param location the post's address or a description of it, as staff wrote it
     * @param dueAtLocal {@code dueAt} in the policy's time zone, in words
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PostRemovalRequested(String platform, String location, Instant dueAt, String dueAtLocal) implements TemplateData {
    }

    /**
     * A post was not removed by its deadline: {@code removal-overdue}, to the people told on the case. Who was
     * asked is on the case's page, not in the message.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PostNotRemoved(String categoryLabel, String dueAtLocal) implements TemplateData {
    }

    /**
     * A disciplinary referral is open on a case: {@code disciplinary-referral}. Who it is about is on the
     * case's page, not in the message.
     *
     * @param reason why, in plain words ("refused to remove the post")
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DisciplinaryReferralOpened(String categoryLabel, String reason) implements TemplateData {
    }

    /**
     * A policy version to read and confirm: {@code policy-to-read}, to every member of the directory when it comes
     * into force or when they join, and as a reminder while they have not confirmed. The link to the policy is the
     * request's acknowledgement link.
     *
     * @param significantChange what changed, in a few words, when the version is a significant change; else absent
     * @param reminder 0 for the invitation, then 1, 2, ... for each reminder
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PolicyToRead(String policyVersion, String significantChange, int reminder) implements TemplateData {
    }
}
