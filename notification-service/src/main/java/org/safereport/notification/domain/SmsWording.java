package org.safereport.notification.domain;

import org.safereport.events.notification.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a notification SMS says (rule 7): the reference, the response time and the acknowledgement link,
 * never a name, a category, its urgency ("Urgent - safeguarding") or any other detail, since a locked
 * phone's screen shows a text to whoever picks the phone up. The wordings of each kind go from the fullest
 * to the shortest; {@link SmsText} takes the first that fits one GSM-7 message. A link too long for any
 * wording is left out, and the text points to the email instead.
 */
public final class SmsWording {

    private SmsWording() {
    }

    /**
     * @param reference the case reference, or "" (a policy review)
     * @param within how long the recipient has to respond, e.g. "1 hour", or ""
     * @param link the absolute acknowledgement link, or ""
     * @return the text, or empty when no wording fits (a reference of absurd length)
     */
    public static Optional<String> text(Template template, String reference, String within, String link) {
        List<String> candidates = new ArrayList<>();
        switch (template) {
            case NEW_CASE, ESCALATION -> {
                String lead = template == Template.ESCALATION ? "report " + reference + " has been passed to you"
                        : "report " + reference + " needs your response";
                String by = within.isEmpty() ? "" : (template == Template.ESCALATION ? ", respond within " : " within ") + within;
                addWithLink(candidates, "SafeReport: " + lead + by + ".", link);
                addWithLink(candidates, "SafeReport " + reference + ": please respond.", link);
            }
            case REMINDER -> {
                addWithLink(candidates, "SafeReport: report " + reference + " is overdue and still needs a response.", link);
                addWithLink(candidates, "SafeReport: report " + reference + " is overdue.", link);
            }
            case UNREACHABLE -> {
                candidates.add("SafeReport: nobody could be reached about report " + reference
                        + ". You are the last resort: the details are in your email.");
                candidates.add("SafeReport: nobody could be reached about report " + reference + ". See your email.");
            }
            case ACKNOWLEDGED -> candidates.add("SafeReport: report " + reference
                    + " has been acknowledged and is being dealt with. Nothing more is needed from you.");
            case RECEIPT -> candidates.add("SafeReport: your report " + reference
                    + " has been received. Keep this reference to check its progress.");
            case POLICY_REVIEW -> candidates.add("SafeReport: the social media policy is due for review. The details are in your email.");
            case TRUSTEES_REPORT -> candidates.add("SafeReport: last quarter's figures for the trustees are in your email.");
            case MESSAGE_WAITING -> candidates.add("SafeReport: a message about your report " + reference
                    + " is waiting on its status page.");
            case REPORTER_REPLIED -> candidates.add("SafeReport: the reporter of " + reference
                    + " has answered. Read it on the case page.");
            // Sent by email only; should a text be asked for, it says no more than that an email is waiting.
            case REMOVAL_REQUEST, REMOVAL_REMINDER -> candidates.add("SafeReport " + reference
                    + ": you are asked to remove a post. The details and the link to answer are in your email.");
            case REMOVAL_OVERDUE -> candidates.add("SafeReport: a post on report " + reference
                    + " was not removed by its deadline. See your email.");
            case DISCIPLINARY_REFERRAL -> candidates.add("SafeReport: a disciplinary referral is open on report " + reference
                    + ". See your email.");
            case POLICY_TO_READ -> candidates.add("SafeReport: please read the social media policy and confirm it. The link is in your email.");
        }
        candidates.add(reference.isEmpty() ? "SafeReport: please check your email." : "SafeReport " + reference + ": please check your email.");
        return SmsText.firstThatFits(candidates);
    }

    private static void addWithLink(List<String> candidates, String text, String link) {
        if (!link.isEmpty()) {
            candidates.add(text + " Open: " + link);
            candidates.add(text + " " + link);
        }
        candidates.add(text + " The link to acknowledge is in your email.");
        candidates.add(text + " See your email.");
    }
}
