package org.safereport.notification.domain;

import org.safereport.events.notification.Template;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsWordingTest {

    private static int septets(String text) {
        return Gsm7.septets(text).orElseThrow();
    }

    @Test
    void newCaseCarriesReferenceDeadlineAndLink() {
        assertThat(SmsWording.text(Template.NEW_CASE, "SM-7KQ4-2M9X", "4 hours", "https://r.example.org/ack/x1"))
                .contains("SafeReport: report SM-7KQ4-2M9X needs your response within 4 hours."
                        + " Open: https://r.example.org/ack/x1");
    }

    @Test
    void aSignedLinkOfRealLengthIsLeftForTheEmailAndTheTextStillFits() {
        String link = "https://safereport.example.org/ack/" + "A".repeat(87) + "." + "B".repeat(43);
        String text = SmsWording.text(Template.ESCALATION, "SM-7KQ4-2M9X", "1 hour", link).orElseThrow();
        assertThat(text).isEqualTo("SafeReport: report SM-7KQ4-2M9X has been passed to you, respond within 1 hour."
                + " The link to acknowledge is in your email.");
        assertThat(septets(text)).isLessThanOrEqualTo(160);
    }

    @Test
    void aReferenceTooLongForEveryWordingIsNoText() {
        assertThat(SmsWording.text(Template.NEW_CASE, "SM-" + "X".repeat(160), "1 hour", "")).isEmpty();
    }

    @Test
    void theLastResortsTextSaysOnlyThatNobodyCouldBeReached() {
        assertThat(SmsWording.text(Template.UNREACHABLE, "SM-7KQ4-2M9X", "", ""))
                .contains("SafeReport: nobody could be reached about report SM-7KQ4-2M9X."
                        + " You are the last resort: the details are in your email.");
    }

    @Test
    void everyKindFitsOneMessage() {
        for (Template template : Template.values()) {
            String text = SmsWording.text(template, "SM-7KQ4-2M9X", "16 working hours",
                    "https://safereport.example.org/ack/abc").orElseThrow();
            assertThat(septets(text)).as(template.name()).isLessThanOrEqualTo(160);
        }
    }
}
