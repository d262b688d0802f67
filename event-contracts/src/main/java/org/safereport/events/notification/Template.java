package org.safereport.events.notification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * The kinds of notification, as requests name them on the wire ({@code new-case}), each with the type of
 * the data its messages show. The notification service has an email template set and an SMS wording for
 * each; a producer can only ask for one of these.
 */
public enum Template {
    /** A case's first recipient: a report needs a response. */
    NEW_CASE("new-case", TemplateData.CaseNotice.class),
    /** The next person in the chain, because nobody before acknowledged in time. */
    ESCALATION("escalation", TemplateData.CaseNotice.class),
    /** The last person in the chain, again, while the case is overdue. */
    REMINDER("reminder", TemplateData.CaseNotice.class),
    /** Everyone notified earlier: someone has acknowledged the case. */
    ACKNOWLEDGED("acknowledged", TemplateData.CaseAcknowledged.class),
    /** The policy's last-resort person: nobody at a step of a case could be told, and why. */
    UNREACHABLE("unreachable", TemplateData.NobodyReached.class),
    /** The reporter: the report was received (the reference only, never a receipt code). */
    RECEIPT("receipt", TemplateData.ReportReceipt.class),
    /** The Chair of Trustees: the policy is due for review. About no case. */
    POLICY_REVIEW("policy-review", TemplateData.PolicyReviewDue.class),
    /** The Chair of Trustees: the last quarter's figures, counts only. About no case. */
    TRUSTEES_REPORT("trustees-report", TemplateData.QuarterFigures.class),
    /** The reporter: staff sent a message, waiting on the status page (never its words). */
    MESSAGE_WAITING("message-waiting", TemplateData.MessageWaiting.class),
    /** The case's handler: the reporter answered on the status page (never the answer's words). */
    REPORTER_REPLIED("reporter-replied", TemplateData.ReporterReplied.class),
    /** The person asked to remove a post: what to remove, by when, and the link to answer. */
    REMOVAL_REQUEST("removal-request", TemplateData.PostRemovalRequested.class),
    /** The same person, before the deadline, when they have not answered. */
    REMOVAL_REMINDER("removal-reminder", TemplateData.PostRemovalRequested.class),
    /** The case's chain: the post was not removed by the deadline and a disciplinary referral is open. */
    REMOVAL_OVERDUE("removal-overdue", TemplateData.PostNotRemoved.class),
    /** The Chief Executive (the Chair of Trustees when it is about them): a disciplinary referral is open on a case. */
    DISCIPLINARY_REFERRAL("disciplinary-referral", TemplateData.DisciplinaryReferralOpened.class),
    /** Every member: a policy version to read and confirm, or a reminder of it. About no case. */
    POLICY_TO_READ("policy-to-read", TemplateData.PolicyToRead.class);

    private final String wireName;
    private final Class<? extends TemplateData> dataType;

    Template(String wireName, Class<? extends TemplateData> dataType) {
        this.wireName = wireName;
        this.dataType = dataType;
    }

    /** The name requests use, e.g. {@code new-case}; also the name of its email templates. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public Class<? extends TemplateData> dataType() {
        return dataType;
    }

    /** @throws IllegalArgumentException for a name no template has, which makes the request unreadable */
    @JsonCreator
    public static Template named(String name) {
        return Arrays.stream(values()).filter(template -> template.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("there is no template " + name));
    }

    /** Whether the recipient is asked to acknowledge (a deadline and an acknowledgement link belong to it). */
    public boolean asksForResponse() {
        return dataType == TemplateData.CaseNotice.class;
    }

    /** Whether the message is about a case (all but those about the policy itself and the trustees' report carry a case reference). */
    public boolean aboutACase() {
        return this != POLICY_REVIEW && this != TRUSTEES_REPORT && this != POLICY_TO_READ;
    }
}
