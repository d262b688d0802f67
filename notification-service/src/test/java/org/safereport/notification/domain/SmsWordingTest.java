package org.safereport.notification.domain;

import org.safereport.events.notification.Template;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsWordingTest {

    private static int septets(String text) {
        return Gsm7.septets(text).orElseThrow();
    }

    @Test
    void newCaseCarriesUrgencyReferenceDeadlineAndLink() {
        assertThat(SmsWording.text(Template.NEW_CASE, "Urgent", "SM-7KQ4-2M9X", "4 hours", "https://r.example.org/ack/x1"))
                .contains("SafeReport [Urgent]: report SM-7KQ4-2M9X needs your response within 4 hours."
                        + " Acknowledge: https://r.example.org/ack/x1");
    }

    @Test
    void aSignedLinkOfRealLengthIsLeftForTheEmailAndTheTextStillFits() {
        String link = "https://safereport.example.org/ack/" + "A".repeat(87) + "." + "B".repeat(43);
        String text = SmsWording.text(Template.ESCALATION, "Urgent - safeguarding", "SM-7KQ4-2M9X", "1 hour", link).orElseThrow();
        assertThat(text).isEqualTo("SafeReport [Urgent - safeguarding]: report SM-7KQ4-2M9X has been passed to you, respond within 1 hour."
                + " The link to acknowledge is in your email.");
        assertThat(septets(text)).isLessThanOrEqualTo(160);
    }

    @Test
    void typographicUrgencyIsMadePlainGsm7() {
        String text = SmsWording.text(Template.REMINDER, "Urgent \u2013 safeguarding", "SM-7KQ4-2M9X", "", "").orElseThrow();
        assertThat(text).startsWith("SafeReport [Urgent - safeguarding]: report SM-7KQ4-2M9X is overdue");
        assertThat(Gsm7.septets(text)).isPresent();
    }

    @Test
    void anUrgencyThatCannotFitFallsBackToTheReferenceAlone() {
        String text = SmsWording.text(Template.NEW_CASE, "\u7DCA\u6025".repeat(100), "SM-7KQ4-2M9X", "1 hour", "").orElseThrow();
        assertThat(text).startsWith("SafeReport: report SM-7KQ4-2M9X needs your response within 1 hour.");
        assertThat(septets(text)).isLessThanOrEqualTo(160);
    }

    @Test
    void theLastResortsTextSaysOnlyThatNobodyCouldBeReached() {
        assertThat(SmsWording.text(Template.UNREACHABLE, "Urgent - safeguarding", "SM-7KQ4-2M9X", "", ""))
                .contains("SafeReport [Urgent - safeguarding]: nobody could be reached about report SM-7KQ4-2M9X."
                        + " You are the last resort: the details are in your email.");
    }

    @Test
    void everyKindFitsOneMessage() {
        for (Template template : Template.values()) {
            String text = SmsWording.text(template, "Urgent - safeguarding", "SM-7KQ4-2M9X", "16 working hours",
                    "https://safereport.example.org/ack/abc").orElseThrow();
            assertThat(septets(text)).as(template.name()).isLessThanOrEqualTo(160);
        }
    }
}
