package org.safereport.escalation.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.safereport.escalation.domain.policy.ReadingReminders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Ops edit the policy and directory files by hand: each mistake must come back naming the file, the
 * line and the field, so that it can be found and fixed without reading the code. Each case below
 * breaks one rule of a small valid pair of files.
 */
class PolicyFilesTest {

    private static final String POLICY = """
            version: "2026.1"
            approvedOn: 2026-01-01
            reviewInterval: P3Y
            timeZone: Europe/London
            workingHours: {days: [MONDAY], start: "09:00", end: "17:00"}
            rules: {safeguardingOverlay: SAFEGUARDING_CONCERN, passedOverGoesTo: {DSL: CHIEF_EXECUTIVE, CHIEF_EXECUTIVE: DSL, LINE_MANAGER: CHIEF_EXECUTIVE}}
            fallbackCategory: SAFEGUARDING_CONCERN
            categories:
              - code: SAFEGUARDING_CONCERN
                label: A young person may be at risk
                guidance: If anyone is in immediate danger, call 999 first.
                urgency: Urgent - safeguarding
                recipientAction: Assess the concern and act on it.
                firstRecipient: DSL
                deadline: {within: PT1H, clock: WALL}
                channels: [EMAIL, SMS]
                chain:
                  - {role: CHIEF_EXECUTIVE, deadline: {within: PT2H, clock: WALL}}
              - code: GRIEVANCE
                label: An unfair decision was made
                guidance: Please do not post about it online.
                urgency: Grievance procedure
                recipientAction: Handle it under the Grievance procedure.
                firstRecipient: LINE_MANAGER
                deadline: {within: PT40H, clock: WORKING}
                channels: [EMAIL]
                retention: P2Y
                removalDeadline: PT4H
            defaultRetention: P8Y
            defaultRemovalDeadline: PT12H
            significantChange: Reports are now made through SafeReport.
            readingReminders: {interval: P7D, limit: 4}
            """;

    private static final String DIRECTORY = """
            version: "test-1"
            people:
              - id: dsl
                name: Riley Carrow
                email: dsl@example.org
                mobile: "+447700900103"
                roles: [DSL]
                lineManager: chief-executive
                absences:
                  - {from: "2027-08-02T00:00:00Z", until: "2027-08-16T00:00:00Z", cover: chief-executive}
              - id: chief-executive
                name: Jordan Ashby
                email: chief.executive@example.org
                roles: [CHIEF_EXECUTIVE]
            """;

    /** The two files as loaded together, one of them edited. */
    private record FilePair(String policy, String directory) {

        List<String> problems() {
            PolicyFiles.InvalidFileException refused = catchThrowableOfType(PolicyFiles.InvalidFileException.class,
                    () -> PolicyFiles.load("routing-policy.yaml", policy.getBytes(StandardCharsets.UTF_8),
                            "directory.yaml", directory.getBytes(StandardCharsets.UTF_8)));
            assertThat(refused).as("the files are refused").isNotNull();
            return refused.problems();
        }
    }

    private static FilePair policyWith(String from, String to) {
        return new FilePair(replaceOnce(POLICY, from, to), DIRECTORY);
    }

    private static FilePair directoryWith(String from, String to) {
        return new FilePair(POLICY, replaceOnce(DIRECTORY, from, to));
    }

    private static String replaceOnce(String text, String from, String to) {
        if (!text.contains(from) || text.indexOf(from) != text.lastIndexOf(from)) {
            throw new IllegalArgumentException("not exactly once in the file: " + from);
        }
        return text.replace(from, to);
    }

    static Stream<Arguments> brokenFields() {
        return Stream.of(
                argumentSet("policy without a version", policyWith("version: \"2026.1\"\n", ""),
                        "routing-policy.yaml, line 1: version is required"),
                argumentSet("policy with a blank version", policyWith("version: \"2026.1\"", "version: \" \""),
                        "routing-policy.yaml, line 1: version is required"),
                argumentSet("policy without an approval date", policyWith("approvedOn: 2026-01-01\n", ""),
                        "routing-policy.yaml, line 1: approvedOn is required"),
                argumentSet("policy without a review interval", policyWith("reviewInterval: P3Y\n", ""),
                        "routing-policy.yaml, line 1: reviewInterval is required"),
                argumentSet("policy without a time zone", policyWith("timeZone: Europe/London\n", ""),
                        "routing-policy.yaml, line 1: timeZone is required"),
                argumentSet("policy with an unknown time zone", policyWith("Europe/London", "Europe/Lndon"),
                        "routing-policy.yaml, line 4: timeZone is not a time zone: Europe/Lndon"),
                argumentSet("policy without working hours", policyWith("workingHours: {days: [MONDAY], start: \"09:00\", end: \"17:00\"}\n", ""),
                        "routing-policy.yaml, line 1: workingHours is required"),
                argumentSet("working hours without a day", policyWith("days: [MONDAY]", "days: []"),
                        "routing-policy.yaml, line 5: workingHours.days at least one working day is required"),
                argumentSet("working hours without a start", policyWith(" start: \"09:00\",", ""),
                        "routing-policy.yaml, line 5: workingHours.start is required"),
                argumentSet("working hours without an end", policyWith(", end: \"17:00\"", ""),
                        "routing-policy.yaml, line 5: workingHours.end is required"),
                argumentSet("policy without rules", policyWith("rules: {safeguardingOverlay: SAFEGUARDING_CONCERN, passedOverGoesTo: {DSL: CHIEF_EXECUTIVE, CHIEF_EXECUTIVE: DSL, LINE_MANAGER: CHIEF_EXECUTIVE}}\n", ""),
                        "routing-policy.yaml, line 1: rules is required"),
                argumentSet("rules with a blank safeguarding overlay", policyWith("{safeguardingOverlay: SAFEGUARDING_CONCERN,", "{safeguardingOverlay: \"\","),
                        "routing-policy.yaml, line 6: rules.safeguardingOverlay is required"),
                argumentSet("rules with a reminder interval of zero",
                        policyWith("{safeguardingOverlay: SAFEGUARDING_CONCERN,", "{safeguardingOverlay: SAFEGUARDING_CONCERN, endOfChainReminderInterval: PT0S,"),
                        "routing-policy.yaml, line 6: rules.endOfChainReminderInterval must be positive"),
                argumentSet("policy without a fallback category", policyWith("fallbackCategory: SAFEGUARDING_CONCERN\n", ""),
                        "routing-policy.yaml, line 1: fallbackCategory is required"),
                argumentSet("policy without categories", policyWith(POLICY.substring(POLICY.indexOf("categories:")), "categories: []\n"),
                        "routing-policy.yaml, line 8: categories at least one category is required"),
                argumentSet("category without a code", policyWith("  - code: GRIEVANCE\n    label:", "  - label:"),
                        "routing-policy.yaml, line 19: categories[1].code is required"),
                argumentSet("category without a label", policyWith("    label: A young person may be at risk\n", ""),
                        "routing-policy.yaml, line 9: categories[0].label is required"),
                argumentSet("category with a blank label", policyWith("A young person may be at risk", "\"  \""),
                        "routing-policy.yaml, line 10: categories[0].label is required"),
                argumentSet("category without guidance", policyWith("    guidance: If anyone is in immediate danger, call 999 first.\n", ""),
                        "routing-policy.yaml, line 9: categories[0].guidance is required"),
                argumentSet("second category without guidance", policyWith("    guidance: Please do not post about it online.\n", ""),
                        "routing-policy.yaml, line 19: categories[1].guidance is required"),
                argumentSet("category without urgency", policyWith("    urgency: Urgent - safeguarding\n", ""),
                        "routing-policy.yaml, line 9: categories[0].urgency is required"),
                argumentSet("category without a recipient action", policyWith("    recipientAction: Assess the concern and act on it.\n", ""),
                        "routing-policy.yaml, line 9: categories[0].recipientAction is required"),
                argumentSet("category without a first recipient", policyWith("    firstRecipient: DSL\n", ""),
                        "routing-policy.yaml, line 9: categories[0].firstRecipient is required"),
                argumentSet("category without a deadline", policyWith("    deadline: {within: PT1H, clock: WALL}\n", ""),
                        "routing-policy.yaml, line 9: categories[0].deadline is required"),
                argumentSet("category without a channel", policyWith("channels: [EMAIL, SMS]", "channels: []"),
                        "routing-policy.yaml, line 16: categories[0].channels at least one channel is required"),
                argumentSet("chain step without a role", policyWith("{role: CHIEF_EXECUTIVE, deadline:", "{deadline:"),
                        "routing-policy.yaml, line 18: categories[0].chain[0].role is required"),
                argumentSet("chain step without a deadline", policyWith(", deadline: {within: PT2H, clock: WALL}", ""),
                        "routing-policy.yaml, line 18: categories[0].chain[0].deadline is required"),
                argumentSet("an empty significant change", policyWith("significantChange: Reports are now made through SafeReport.", "significantChange: \"\""),
                        "routing-policy.yaml, line 31: significantChange must be 1 to 500 characters, a few words on what changed"),
                argumentSet("reading reminders every hour", policyWith("interval: P7D", "interval: PT1H"),
                        "routing-policy.yaml, line 32: readingReminders.interval must be at least a day (P1D)"),
                argumentSet("reading reminders without a limit", policyWith(", limit: 4}", "}"),
                        "routing-policy.yaml, line 32: readingReminders.limit is required"),
                argumentSet("more reading reminders than weeks in a year", policyWith("limit: 4", "limit: 53"),
                        "routing-policy.yaml, line 32: readingReminders.limit must be between 0 and 52"),
                argumentSet("directory without a version", directoryWith("version: \"test-1\"\n", ""),
                        "directory.yaml, line 1: version is required"),
                argumentSet("directory without people", directoryWith(DIRECTORY.substring(DIRECTORY.indexOf("people:")), "people: []\n"),
                        "directory.yaml, line 2: people at least one person is required"),
                argumentSet("person without an id", directoryWith("  - id: dsl\n    name:", "  - name:"),
                        "directory.yaml, line 3: people[0].id is required"),
                argumentSet("person with an unknown time zone", directoryWith("    roles: [DSL]\n", "    roles: [DSL]\n    timeZone: Europe/Lndon\n"),
                        "directory.yaml, line 8: people[0].timeZone is not a time zone: Europe/Lndon"),
                argumentSet("person with a blank name", directoryWith("Riley Carrow", "\"\""),
                        "directory.yaml, line 4: people[0].name is required"),
                argumentSet("person without an email", directoryWith("    email: dsl@example.org\n", ""),
                        "directory.yaml, line 3: people[0].email is required"),
                argumentSet("person with an email that is not an address", directoryWith("dsl@example.org", "dsl at example.org"),
                        "directory.yaml, line 5: people[0].email must be an email address, was dsl at example.org"),
                argumentSet("person with a national mobile number", directoryWith("\"+447700900103\"", "\"07700 900103\""),
                        "directory.yaml, line 6: people[0].mobile must be an E.164 number such as +447700900123, was 07700 900103"),
                argumentSet("absence without a start", directoryWith("from: \"2027-08-02T00:00:00Z\", ", ""),
                        "directory.yaml, line 10: people[0].absences[0].from is required"),
                argumentSet("absence without an end", directoryWith(", until: \"2027-08-16T00:00:00Z\"", ""),
                        "directory.yaml, line 10: people[0].absences[0].until is required"));
    }

    static Stream<Arguments> brokenReferences() {
        return Stream.of(
                argumentSet("two categories with one code", policyWith("code: GRIEVANCE", "code: SAFEGUARDING_CONCERN"),
                        "routing-policy.yaml, line 19: categories[1].code appears twice: SAFEGUARDING_CONCERN"),
                argumentSet("a fallback that is not a category", policyWith("fallbackCategory: SAFEGUARDING_CONCERN", "fallbackCategory: MEDIA"),
                        "routing-policy.yaml, line 7: fallbackCategory is not one of the categories: MEDIA"),
                argumentSet("a role a chain uses without a rule 2 replacement", policyWith(", LINE_MANAGER: CHIEF_EXECUTIVE}", "}"),
                        "routing-policy.yaml, line 6: rules.passedOverGoesTo has no replacement for LINE_MANAGER, which a chain uses"),
                argumentSet("a rule 2 replacement by the same role", policyWith("{DSL: CHIEF_EXECUTIVE,", "{DSL: DSL,"),
                        "routing-policy.yaml, line 6: rules.passedOverGoesTo.DSL cannot go to the role passed over"),
                argumentSet("an overlay that is not a category", policyWith("{safeguardingOverlay: SAFEGUARDING_CONCERN,", "{safeguardingOverlay: MEDIA,"),
                        "routing-policy.yaml, line 6: rules.safeguardingOverlay is not one of the categories: MEDIA"),
                argumentSet("a chain that comes back to a role", policyWith("{role: CHIEF_EXECUTIVE,", "{role: DSL,"),
                        "routing-policy.yaml, line 18: categories[0].chain[0].role DSL appears twice in the chain (a cycle)"),
                argumentSet("a role nobody holds", directoryWith("roles: [CHIEF_EXECUTIVE]", "roles: []"),
                        "routing-policy.yaml, line 18: categories[0].chain[0].role CHIEF_EXECUTIVE is used but no one in the directory holds it"),
                argumentSet("working hours that end before they start", policyWith("end: \"17:00\"", "end: \"08:00\""),
                        "routing-policy.yaml, line 5: workingHours working hours must start before they end"),
                argumentSet("a retention that would purge a case before its events leave Kafka", policyWith("retention: P2Y", "retention: P2W"),
                        "routing-policy.yaml, line 27: categories[1].retention must be at least P1M (events about a case stay on Kafka up to 21 days), was P14D"),
                argumentSet("a negative default retention", policyWith("defaultRetention: P8Y", "defaultRetention: P-1Y"),
                        "routing-policy.yaml, line 29: defaultRetention must be at least P1M (events about a case stay on Kafka up to 21 days), was P-1Y"),
                argumentSet("a removal deadline that is not positive", policyWith("removalDeadline: PT4H", "removalDeadline: PT0S"),
                        "routing-policy.yaml, line 28: categories[1].removalDeadline must be positive"),
                argumentSet("a negative default removal deadline", policyWith("defaultRemovalDeadline: PT12H", "defaultRemovalDeadline: PT-1H"),
                        "routing-policy.yaml, line 30: defaultRemovalDeadline must be positive"),
                argumentSet("two people with one id", directoryWith("  - id: chief-executive", "  - id: dsl"),
                        "directory.yaml, line 11: people[1].id appears twice: dsl"),
                argumentSet("two people with one email in different case", directoryWith("chief.executive@example.org", "DSL@example.org"),
                        "directory.yaml, line 13: people[1].email appears twice: dsl@example.org"),
                argumentSet("a line manager not in the directory", directoryWith("lineManager: chief-executive", "lineManager: chair"),
                        "directory.yaml, line 8: people[0].lineManager no person has the id chair"),
                argumentSet("an absence that ends before it starts", directoryWith("\"2027-08-16T00:00:00Z\"", "\"2027-08-01T00:00:00Z\""),
                        "directory.yaml, line 10: people[0].absences[0] must end after it starts"),
                argumentSet("a cover not in the directory", directoryWith("cover: chief-executive", "cover: chair"),
                        "directory.yaml, line 10: people[0].absences[0].cover no person has the id chair"),
                argumentSet("a cover away at the same time", directoryWith("    roles: [CHIEF_EXECUTIVE]\n", """
                                    roles: [CHIEF_EXECUTIVE]
                                    absences:
                                      - {from: "2027-08-10T00:00:00Z", until: "2027-08-20T00:00:00Z"}
                                """),
                        "directory.yaml, line 10: people[0].absences[0].cover chief-executive is absent at the same time"));
    }

    static Stream<Arguments> unreadableValues() {
        return Stream.of(
                argumentSet("a role that does not exist", policyWith("firstRecipient: DSL", "firstRecipient: TREASURER"),
                        "routing-policy.yaml, line 14: categories[0].firstRecipient ", "TREASURER"),
                argumentSet("a misspelt field", policyWith("urgency: Urgent", "urgnecy: Urgent"),
                        "routing-policy.yaml, line 12: categories[0].urgnecy ", "Unrecognized field"),
                argumentSet("a deadline that is not positive", policyWith("{within: PT2H, clock: WALL}", "{within: PT0S, clock: WALL}"),
                        "routing-policy.yaml, line 18: categories[0].chain[0].deadline ", "a deadline must be positive"),
                argumentSet("an absence that starts at no instant", directoryWith("\"2027-08-02T00:00:00Z\"", "\"2 August\""),
                        "directory.yaml, line 10: people[0].absences[0].from ", "2 August"),
                argumentSet("an empty item in a list of channels", policyWith("[EMAIL, SMS]", "[EMAIL, ~]"),
                        "routing-policy.yaml, line 16: categories[0].channels[1] ", "null"),
                argumentSet("a retention that is not an ISO period", policyWith("retention: P2Y", "retention: two years"),
                        "routing-policy.yaml, line 27: categories[1].retention ", "two years"),
                argumentSet("a removal deadline that is not an ISO duration", policyWith("removalDeadline: PT4H", "removalDeadline: a day"),
                        "routing-policy.yaml, line 28: categories[1].removalDeadline ", "a day"),
                argumentSet("an empty item in the list of people", directoryWith("people:\n", "people:\n  -\n"),
                        "directory.yaml, line 3: people[0] ", "null"));
    }

    @Test
    void theSmallFilesTheCasesBreakAreValid() {
        PolicyFiles.Loaded loaded = PolicyFiles.load("routing-policy.yaml", POLICY.getBytes(StandardCharsets.UTF_8),
                "directory.yaml", DIRECTORY.getBytes(StandardCharsets.UTF_8));
        assertThat(loaded.policy().categories()).containsOnlyKeys("SAFEGUARDING_CONCERN", "GRIEVANCE");
        assertThat(loaded.policy().ruleFor("GRIEVANCE").retention()).as("its own").isEqualTo(Period.ofYears(2));
        assertThat(loaded.policy().ruleFor("SAFEGUARDING_CONCERN").retention()).as("the file's default").isEqualTo(Period.ofYears(8));
        assertThat(loaded.policy().ruleFor("GRIEVANCE").removalDeadline()).as("its own").isEqualTo(Duration.ofHours(4));
        assertThat(loaded.policy().ruleFor("SAFEGUARDING_CONCERN").removalDeadline()).as("the file's default").isEqualTo(Duration.ofHours(12));
        assertThat(loaded.directory().people()).hasSize(2);
        assertThat(loaded.policy().significantChange()).contains("Reports are now made through SafeReport.");
        assertThat(loaded.policy().readingReminders()).isEqualTo(new ReadingReminders(Duration.ofDays(7), 4));
    }

    @Test
    void aPolicyWithoutReadingRemindersRemindsWeeklyFourTimesAndIsNoSignificantChange() {
        FilePair files = policyWith("significantChange: Reports are now made through SafeReport.\nreadingReminders: {interval: P7D, limit: 4}\n", "");
        PolicyFiles.Loaded loaded = PolicyFiles.load("routing-policy.yaml", files.policy().getBytes(StandardCharsets.UTF_8),
                "directory.yaml", files.directory().getBytes(StandardCharsets.UTF_8));
        assertThat(loaded.policy().readingReminders()).isEqualTo(ReadingReminders.DEFAULT);
        assertThat(loaded.policy().significantChange()).isEmpty();
    }

    @Test
    void aPolicyWithoutADefaultRetentionKeepsCasesSixYearsAfterClosing() {
        FilePair files = policyWith("defaultRetention: P8Y\n", "");
        PolicyFiles.Loaded loaded = PolicyFiles.load("routing-policy.yaml", files.policy().getBytes(StandardCharsets.UTF_8),
                "directory.yaml", files.directory().getBytes(StandardCharsets.UTF_8));
        assertThat(loaded.policy().ruleFor("SAFEGUARDING_CONCERN").retention()).isEqualTo(Period.ofYears(6));
    }

    @Test
    void aPolicyWithoutADefaultRemovalDeadlineGivesADayOnTheWallClock() {
        FilePair files = policyWith("defaultRemovalDeadline: PT12H\n", "");
        PolicyFiles.Loaded loaded = PolicyFiles.load("routing-policy.yaml", files.policy().getBytes(StandardCharsets.UTF_8),
                "directory.yaml", files.directory().getBytes(StandardCharsets.UTF_8));
        assertThat(loaded.policy().ruleFor("SAFEGUARDING_CONCERN").removalDeadline()).isEqualTo(Duration.ofHours(24));
    }

    @ParameterizedTest
    @MethodSource({"brokenFields", "brokenReferences"})
    void eachProblemNamesTheFileTheLineAndTheField(FilePair files, String problem) {
        assertThat(files.problems()).containsExactly(problem);
    }

    @ParameterizedTest
    @MethodSource("unreadableValues")
    void aValueThatCannotBeReadNamesTheFileTheLineAndTheField(FilePair files, String where, String what) {
        assertThat(files.problems()).singleElement().asString().startsWith(where).contains(what);
    }

    @Test
    void everyBrokenFieldOfBothFilesIsReportedAtOnceDirectoryFirstEachInLineOrder() {
        String policy = replaceOnce(replaceOnce(POLICY, "    label: An unfair decision was made\n", ""),
                "{role: CHIEF_EXECUTIVE, deadline:", "{deadline:");
        String directory = replaceOnce(replaceOnce(DIRECTORY, "\"+447700900103\"", "\"+44 7700 900103\""),
                "Jordan Ashby", "\" \"");

        assertThat(new FilePair(policy, directory).problems()).containsExactly(
                "directory.yaml, line 6: people[0].mobile must be an E.164 number such as +447700900123, was +44 7700 900103",
                "directory.yaml, line 12: people[1].name is required",
                "routing-policy.yaml, line 18: categories[0].chain[0].role is required",
                "routing-policy.yaml, line 19: categories[1].label is required");
    }

    @Test
    void aMissingCategoryCodeIsNotAlsoReportedAsAFallbackAndAnOverlayThatAreNotCategories() {
        assertThat(policyWith("  - code: SAFEGUARDING_CONCERN\n    label:", "  - label:").problems())
                .containsExactly("routing-policy.yaml, line 9: categories[0].code is required");
    }
}
