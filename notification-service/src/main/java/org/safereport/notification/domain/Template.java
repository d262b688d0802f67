package org.safereport.notification.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of notification this service can send, as requests name them. Each has an email template
 * set ({@code templates/email/<name>.html}, {@code .txt} and {@code -subject.txt}) and an SMS wording.
 */
public enum Template {
    /** A case's first recipient: a report needs a response. */
    NEW_CASE("new-case"),
    /** The next person in the chain, because nobody before acknowledged in time. */
    ESCALATION("escalation"),
    /** The last person in the chain, again, while the case is overdue. */
    REMINDER("reminder"),
    /** Everyone notified earlier: someone has acknowledged the case. */
    ACKNOWLEDGED("acknowledged"),
    /** The reporter: the report was received (the reference only, never a receipt code). */
    RECEIPT("receipt"),
    /** The Chair of Trustees: the policy is due for review. About no case. */
    POLICY_REVIEW("policy-review");

    private final String templateName;

    Template(String templateName) {
        this.templateName = templateName;
    }

    /** The name requests use, e.g. {@code new-case}. */
    public String templateName() {
        return templateName;
    }

    public static Optional<Template> named(String name) {
        return Arrays.stream(values()).filter(template -> template.templateName.equals(name)).findFirst();
    }

    /** Whether the recipient is asked to acknowledge (a deadline and an acknowledgement link belong to it). */
    public boolean asksForResponse() {
        return this == NEW_CASE || this == ESCALATION || this == REMINDER;
    }
}
