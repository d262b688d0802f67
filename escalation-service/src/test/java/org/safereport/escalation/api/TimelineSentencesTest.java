package org.safereport.escalation.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safereport.escalation.domain.BundledPolicy;
import org.safereport.escalation.persistence.TimelineEntry;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline as staff read it: role names, people's names, steps from 1 as the plan's table counts them. */
class TimelineSentencesTest {

    private final TimelineSentences sentences = new TimelineSentences(BundledPolicy.load().directory());

    private static TimelineEntry entry(String kind, String detail) {
        TimelineEntry entry = new TimelineEntry();
        entry.caseId = UUID.randomUUID();
        entry.at = Instant.EPOCH;
        entry.kind = kind;
        entry.detail = detail;
        return entry;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "NOTIFIED     | category step 0: DSL dsl by EMAIL,SMS (new-case) | Chain for the category, step 1: Designated Safeguarding Lead Riley Carrow by email and text (new-case).",
            "ESCALATED    | safeguarding step 0 -> 1 (DEPUTY_DSL): not acknowledged by the deadline | Safeguarding chain: from step 1 to step 2 (Deputy Designated Safeguarding Lead): not acknowledged by the deadline.",
            "ACKNOWLEDGED | category step 1: DEPUTY_DSL deputy-dsl | Chain for the category, step 2: Deputy Designated Safeguarding Lead Casey Linton.",
            "DELIVERY     | category step 0: new-case to dsl by EMAIL sent | Chain for the category, step 1: the new case message to Riley Carrow by email was sent.",
            "DELIVERY     | category step 2: escalation to chief-executive by SMS failed for good after 3 attempt(s): number refused | Chain for the category, step 3: the escalation message to Jordan Ashby by text failed for good after 3 attempt(s): number refused.",
            "NOTIFIED     | safeguarding: chair told that the DSL has it | Safeguarding chain: Morgan Fairlie told that the Designated Safeguarding Lead has it.",
            "STATE        | NOTIFIED -> ACKNOWLEDGED | The case went from \u201cWaiting for someone to acknowledge\u201d to \u201cBeing dealt with\u201d.",
            "NOTE         | note added by dsl | Note added by Riley Carrow."})
    void readsEachEntryOutInWords(String kind, String detail, String sentence) {
        assertThat(sentences.sentence(entry(kind, detail))).isEqualTo(sentence);
    }

    @Test
    void aDirectoryIdInsideAnotherIsLeftAlone() {
        // "dsl" is part of "deputy-dsl": only whole ids become names.
        assertThat(sentences.sentence(entry("ACKNOWLEDGED", "category step 0: DEPUTY_DSL deputy-dsl")))
                .contains("Casey Linton").doesNotContain("Riley Carrow");
    }
}
