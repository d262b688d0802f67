package org.safereport.escalation.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safereport.escalation.config.PolicyFiles;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Channel;
import org.safereport.time.Deadline;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.escalation.domain.routing.ReportFacts;
import org.safereport.escalation.domain.routing.Router;
import org.safereport.escalation.domain.routing.RoutingPlan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of routing.md's table and each of its rules, on the bundled policy and the sample
 * directory (support-worker's line manager is team-leader, whose manager is chief-executive).
 */
class RouterTest {

    private static final Instant WEDNESDAY_NOON = Instant.parse("2026-11-25T12:00:00Z");
    private static final String SUPPORT_WORKER = "support.worker@example.org";

    private final PolicyFiles.Loaded bundled = BundledPolicy.load();

    private RoutingPlan route(String category, String reporter, String subject, boolean atRisk) {
        return Router.route(new ReportFacts(category, reporter, subject, atRisk), bundled.policy(), bundled.directory(),
                WEDNESDAY_NOON);
    }

    private static List<String> ids(RoutingPlan.Step step) {
        return step.recipients().stream().map(Person::id).toList();
    }

    private static RoutingPlan.Track categoryTrack(RoutingPlan plan) {
        return plan.track(RoutingPlan.CATEGORY_TRACK);
    }

    @ParameterizedTest(name = "{0}: {1} by {3}, then {4} by {5}")
    @CsvSource(delimiter = '|', value = {
            "RESIDENT_CONTACT         | dsl             | DSL             | 2026-11-25T13:00:00Z | deputy-dsl      | 2026-11-25T14:00:00Z | EMAIL SMS | DSL DEPUTY_DSL CHIEF_EXECUTIVE CHAIR_OF_TRUSTEES",
            "SAFEGUARDING_CONCERN     | dsl             | DSL             | 2026-11-25T13:00:00Z | deputy-dsl      | 2026-11-25T14:00:00Z | EMAIL SMS | DSL DEPUTY_DSL CHIEF_EXECUTIVE CHAIR_OF_TRUSTEES",
            "UNINTENDED_CONTACT       | chief-executive | CHIEF_EXECUTIVE | 2026-11-25T16:00:00Z | chair           | 2026-11-25T20:00:00Z | EMAIL SMS | CHIEF_EXECUTIVE CHAIR_OF_TRUSTEES",
            "INAPPROPRIATE_MATERIAL   | chief-executive | CHIEF_EXECUTIVE | 2026-11-26T12:00:00Z | chair           | 2026-11-27T12:00:00Z | EMAIL     | CHIEF_EXECUTIVE CHAIR_OF_TRUSTEES",
            "SECURITY_EXPOSURE        | chief-executive | CHIEF_EXECUTIVE | 2026-11-25T16:00:00Z | chair           | 2026-11-25T20:00:00Z | EMAIL SMS | CHIEF_EXECUTIVE CHAIR_OF_TRUSTEES",
            "POLICY_BREACH            | chief-executive | CHIEF_EXECUTIVE | 2026-11-27T12:00:00Z | chair           | 2026-12-01T12:00:00Z | EMAIL     | CHIEF_EXECUTIVE CHAIR_OF_TRUSTEES",
            "MEDIA_ENQUIRY            | team-leader     | LINE_MANAGER    | 2026-11-26T12:00:00Z | chief-executive | 2026-11-27T12:00:00Z | EMAIL     | LINE_MANAGER CHIEF_EXECUTIVE",
            "CONFIDENTIALITY_QUESTION | team-leader     | LINE_MANAGER    | 2026-11-30T12:00:00Z | chief-executive | 2026-12-03T12:00:00Z | EMAIL     | LINE_MANAGER CHIEF_EXECUTIVE",
            "CONFLICT_OF_INTEREST     | team-leader     | LINE_MANAGER    | 2026-11-30T12:00:00Z | chief-executive | 2026-12-03T12:00:00Z | EMAIL     | LINE_MANAGER CHIEF_EXECUTIVE",
            "PRESENTATION_DOUBT       | team-leader     | LINE_MANAGER    | 2026-11-30T12:00:00Z | chief-executive | 2026-12-03T12:00:00Z | EMAIL     | LINE_MANAGER CHIEF_EXECUTIVE",
            "GRIEVANCE                | team-leader     | LINE_MANAGER    | 2026-12-02T12:00:00Z | chief-executive | 2026-12-09T12:00:00Z | EMAIL     | LINE_MANAGER CHIEF_EXECUTIVE",
    })
    void everyRowOfTheRoutingTable(String category, String firstPerson, Role firstRole, Instant firstDue,
                                   String secondPerson, Instant secondDue, String channels, String chain) {
        RoutingPlan plan = route(category, SUPPORT_WORKER, null, false);
        RoutingPlan.Track track = categoryTrack(plan);

        assertThat(plan.tracks()).hasSize(1);
        assertThat(track.firstStep().role()).isEqualTo(firstRole);
        assertThat(ids(track.firstStep())).containsExactly(firstPerson);
        assertThat(track.firstStep().dueAt()).isEqualTo(firstDue);
        assertThat(track.firstStep().channels()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(channels.split(" ")).map(Channel::valueOf).toList());
        assertThat(track.steps()).extracting(RoutingPlan.Step::role)
                .containsExactlyElementsOf(Arrays.stream(chain.split(" ")).map(Role::valueOf).toList());
        assertThat(ids(track.steps().get(1))).containsExactly(secondPerson);
        assertThat(track.steps().get(1).dueAt()).isEqualTo(secondDue);
    }

    @Test
    void rule1YoungPersonAtRiskOnAGrievanceAlsoRunsTheSafeguardingChain() {
        RoutingPlan plan = route("GRIEVANCE", SUPPORT_WORKER, null, true);

        assertThat(plan.tracks()).extracting(RoutingPlan.Track::name)
                .containsExactly(RoutingPlan.CATEGORY_TRACK, RoutingPlan.SAFEGUARDING_TRACK);
        assertThat(ids(categoryTrack(plan).firstStep())).containsExactly("team-leader");
        RoutingPlan.Track safeguarding = plan.track(RoutingPlan.SAFEGUARDING_TRACK);
        assertThat(safeguarding.category()).isEqualTo("SAFEGUARDING_CONCERN");
        assertThat(ids(safeguarding.firstStep())).containsExactly("dsl");
        assertThat(safeguarding.firstStep().dueAt()).isEqualTo(Instant.parse("2026-11-25T13:00:00Z"));
        assertThat(safeguarding.firstStep().channels()).containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS);
        assertThat(safeguarding.steps()).extracting(RoutingPlan.Step::role)
                .containsExactly(Role.DSL, Role.DEPUTY_DSL, Role.CHIEF_EXECUTIVE, Role.CHAIR_OF_TRUSTEES);
        assertThat(plan.reasons()).anyMatch(reason -> reason.startsWith("rule 1"));
    }

    @Test
    void rule1AddsNothingWhenTheCategoryAlreadyFollowsTheSafeguardingChain() {
        RoutingPlan plan = route("RESIDENT_CONTACT", SUPPORT_WORKER, null, true);

        assertThat(plan.tracks()).hasSize(1);
        assertThat(plan.reasons()).anyMatch(reason -> reason.contains("already follows the safeguarding chain"));
    }

    @Test
    void rule1WithoutTheFlagRunsOnlyTheCategoryChain() {
        assertThat(route("INAPPROPRIATE_MATERIAL", SUPPORT_WORKER, null, false).tracks()).hasSize(1);
    }

    @Test
    void rule2ReportAboutTheChiefExecutiveGoesToTheChairOfTrustees() {
        RoutingPlan plan = route("POLICY_BREACH", SUPPORT_WORKER, "Chief.Executive@example.org", false);

        assertThat(ids(categoryTrack(plan).firstStep())).containsExactly("chair");
        assertThat(categoryTrack(plan).firstStep().reasons()).containsSubsequence(
                "rule 2: chief-executive passed over: the report is about them",
                "rule 2: the step goes to the CHAIR_OF_TRUSTEES instead");
    }

    @Test
    void rule2ReportAboutOnesOwnLineManagerGoesToTheChiefExecutive() {
        RoutingPlan plan = route("CONFIDENTIALITY_QUESTION", SUPPORT_WORKER, "team.leader@example.org", false);

        assertThat(ids(categoryTrack(plan).firstStep())).containsExactly("chief-executive");
    }

    @Test
    void rule2AReporterWhoIsTheDslIsNotAskedThemselves() {
        RoutingPlan plan = route("RESIDENT_CONTACT", "dsl@example.org", null, false);

        assertThat(ids(categoryTrack(plan).firstStep())).containsExactly("deputy-dsl");
        assertThat(categoryTrack(plan).firstStep().reasons()).contains("rule 2: dsl passed over: they made the report");
    }

    @Test
    void rule2NobodyLeftInTheChainFallsBackToTheLastResortButNeverTheSubject() {
        RoutingPlan plan = route("INAPPROPRIATE_MATERIAL", "chief.executive@example.org", "chair@example.org", false);

        assertThat(ids(categoryTrack(plan).firstStep())).containsExactly("chief-executive");
        assertThat(categoryTrack(plan).reasons()).anyMatch(reason -> reason.startsWith("no eligible recipient left"));
    }

    /**
     * Rule 2 at every position of every chain, the passed-over person being the report's subject or its
     * reporter: the step goes where routing.md's examples send it (the line manager's to the Chief Executive,
     * the Chief Executive's to the Chair of Trustees, the DSL's to the deputy), someone already told is passed
     * over (rule 8), and the chain above is never cut short. Written out by hand from routing.md's table; the
     * reporter is the support worker (line manager: team-leader) unless the row names another.
     */
    @ParameterizedTest(name = "{0}: reporter {1}, about {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            RESIDENT_CONTACT         | support.worker  | dsl             | deputy-dsl > chief-executive > chair
            RESIDENT_CONTACT         | support.worker  | deputy.dsl      | dsl > chief-executive > chair
            RESIDENT_CONTACT         | support.worker  | chief.executive | dsl > deputy-dsl > chair
            RESIDENT_CONTACT         | support.worker  | chair           | dsl > deputy-dsl > chief-executive
            SAFEGUARDING_CONCERN     | support.worker  | dsl             | deputy-dsl > chief-executive > chair
            SAFEGUARDING_CONCERN     | support.worker  | chair           | dsl > deputy-dsl > chief-executive
            SAFEGUARDING_CONCERN     | deputy.dsl      |                 | dsl > chief-executive > chair
            SAFEGUARDING_CONCERN     | chief.executive |                 | dsl > deputy-dsl > chair
            UNINTENDED_CONTACT       | support.worker  | chief.executive | chair
            UNINTENDED_CONTACT       | support.worker  | chair           | chief-executive
            UNINTENDED_CONTACT       | chief.executive |                 | chair
            INAPPROPRIATE_MATERIAL   | support.worker  | chief.executive | chair
            INAPPROPRIATE_MATERIAL   | support.worker  | chair           | chief-executive
            SECURITY_EXPOSURE        | support.worker  | chief.executive | chair
            SECURITY_EXPOSURE        | chair           |                 | chief-executive
            POLICY_BREACH            | support.worker  | chief.executive | chair
            POLICY_BREACH            | support.worker  | chair           | chief-executive
            MEDIA_ENQUIRY            | support.worker  | team.leader     | chief-executive
            MEDIA_ENQUIRY            | support.worker  | chief.executive | team-leader > chair
            CONFIDENTIALITY_QUESTION | support.worker  | team.leader     | chief-executive
            CONFIDENTIALITY_QUESTION | support.worker  | chief.executive | team-leader > chair
            CONFLICT_OF_INTEREST     | support.worker  | chief.executive | team-leader > chair
            PRESENTATION_DOUBT       | support.worker  | team.leader     | chief-executive
            PRESENTATION_DOUBT       | support.worker  | chief.executive | team-leader > chair
            GRIEVANCE                | support.worker  | team.leader     | chief-executive
            GRIEVANCE                | support.worker  | chief.executive | team-leader > chair
            GRIEVANCE                | chief.executive |                 | chair
            """)
    void rule2APassedOverPersonIsReplacedNeverDropped(String category, String reporter, String subject, String chain) {
        RoutingPlan plan = route(category, reporter + "@example.org", subject == null ? null : subject + "@example.org", false);

        assertThat(categoryTrack(plan).steps()).extracting(step -> String.join(",", ids(step)))
                .containsExactly(chain.split(" > "));
        assertThat(categoryTrack(plan).reasons()).noneMatch(reason -> reason.startsWith("no eligible recipient left"));
    }

    @Test
    void rule3AnonymousLineManagerReportGoesToTheChiefExecutiveOnce() {
        RoutingPlan plan = route("GRIEVANCE", null, null, false);

        assertThat(ids(categoryTrack(plan).firstStep())).containsExactly("chief-executive");
        assertThat(categoryTrack(plan).firstStep().reasons()).anyMatch(reason -> reason.startsWith("rule 3"));
        // Rule 8: the Chief Executive is next in the chain too, and is not told twice.
        assertThat(categoryTrack(plan).steps()).hasSize(1);
        assertThat(plan.reasons()).contains("anonymous report");
    }

    @Test
    void rule3AReporterNotInTheDirectoryHasNoKnownLineManager() {
        RoutingPlan plan = route("MEDIA_ENQUIRY", "visitor@example.org", null, false);

        assertThat(ids(categoryTrack(plan).firstStep())).containsExactly("chief-executive");
        assertThat(plan.reasons()).contains("reporter not in the directory");
    }

    @Test
    void rule4AbsentDslIsReplacedByTheirCover() {
        RoutingPlan plan = Router.route(new ReportFacts("SAFEGUARDING_CONCERN", SUPPORT_WORKER, null, false),
                bundled.policy(), bundled.directory(), Instant.parse("2027-08-05T10:00:00Z"));

        assertThat(ids(categoryTrack(plan).firstStep())).containsExactly("deputy-dsl");
        assertThat(categoryTrack(plan).firstStep().reasons()).contains("rule 4: dsl is absent, covered by deputy-dsl");
        // The cover is already on the case, so the deputy step is passed over (rule 8).
        assertThat(categoryTrack(plan).steps().get(1).role()).isEqualTo(Role.CHIEF_EXECUTIVE);
    }

    @Test
    void rule4AbsentDslWithoutCoverPassesToTheNextInTheChain() {
        Directory directory = directoryWith(people -> replace(people, "dsl", dsl -> new Person(dsl.id(), dsl.name(),
                dsl.email(), dsl.mobile(), dsl.roles(), dsl.lineManagerId(),
                List.of(new Person.Absence(WEDNESDAY_NOON.minus(Duration.ofDays(1)), WEDNESDAY_NOON.plus(Duration.ofDays(1)), null)), dsl.timeZone())));
        RoutingPlan plan = Router.route(new ReportFacts("RESIDENT_CONTACT", SUPPORT_WORKER, null, false),
                bundled.policy(), directory, WEDNESDAY_NOON);

        assertThat(categoryTrack(plan).firstStep().role()).isEqualTo(Role.DEPUTY_DSL);
        assertThat(ids(categoryTrack(plan).firstStep())).containsExactly("deputy-dsl");
        assertThat(categoryTrack(plan).firstStep().dueAt()).isEqualTo(Instant.parse("2026-11-25T13:00:00Z"));
        assertThat(categoryTrack(plan).reasons()).anyMatch(reason -> reason.contains("rule 4: dsl is absent and names no cover: passed over"));
    }

    @Test
    void rule4AnAbsenceThatHasBegunWhenALaterStepIsDueCountsForThatStep() {
        // The deputy goes on leave half an hour after the report: gone by the time the DSL's hour is up.
        Directory directory = directoryWith(people -> replace(people, "deputy-dsl", deputy -> new Person(deputy.id(),
                deputy.name(), deputy.email(), deputy.mobile(), deputy.roles(), deputy.lineManagerId(),
                List.of(new Person.Absence(WEDNESDAY_NOON.plus(Duration.ofMinutes(30)), WEDNESDAY_NOON.plus(Duration.ofDays(7)), null)), deputy.timeZone())));
        RoutingPlan plan = Router.route(new ReportFacts("RESIDENT_CONTACT", SUPPORT_WORKER, null, false),
                bundled.policy(), directory, WEDNESDAY_NOON);

        RoutingPlan.Track track = categoryTrack(plan);
        assertThat(ids(track.firstStep())).containsExactly("dsl");
        assertThat(track.steps().get(1).role()).isEqualTo(Role.CHIEF_EXECUTIVE);
        assertThat(track.steps().get(1).dueAt()).isEqualTo(Instant.parse("2026-11-25T14:00:00Z"));
        assertThat(track.reasons()).anyMatch(reason -> reason.contains("rule 4: deputy-dsl is absent and names no cover: passed over"));
    }

    @Test
    void rule4AbsenceIsCheckedAgainWhenAStepsTurnComes() {
        Person dsl = bundled.directory().byId("dsl").orElseThrow();
        Instant onLeave = Instant.parse("2027-08-05T10:00:00Z");
        List<String> reasons = new java.util.ArrayList<>();

        assertThat(Router.availableAt(dsl, bundled.directory(), onLeave, Map.of(), reasons).map(Person::id))
                .contains("deputy-dsl");
        assertThat(Router.availableAt(dsl, bundled.directory(), onLeave, Map.of("deputy-dsl", "the report is about them"), reasons))
                .as("a cover already told, the subject or the reporter cannot stand in").isEmpty();
        assertThat(reasons).last().as("rule 6: who was passed over, and why")
                .isEqualTo("rule 4: dsl is absent; their cover deputy-dsl is passed over: the report is about them");
        assertThat(Router.availableAt(dsl, bundled.directory(), WEDNESDAY_NOON, Map.of(), reasons).map(Person::id))
                .contains("dsl");
    }

    @Test
    void rule5TheLastRecipientIsRemindedAtTheLastStepsInterval() {
        RoutingPlan.Track track = categoryTrack(route("UNINTENDED_CONTACT", SUPPORT_WORKER, null, false));

        assertThat(track.reminderInterval()).isEqualTo(new Deadline(Duration.ofHours(4), Deadline.Clock.WALL));
    }

    @Test
    void rule5APolicyWideReminderIntervalOverridesTheStepsOwn() {
        RoutingPolicy policy = bundled.policy();
        RoutingPolicy everyHour = new RoutingPolicy(policy.version(), policy.contentHash(), policy.approvedOn(),
                policy.reviewInterval(), policy.calendar(), policy.fallbackCategory(), policy.safeguardingOverlayCategory(),
                Optional.of(Duration.ofMinutes(30)), policy.passedOverGoesTo(), policy.lastResort(), policy.categories(),
                policy.significantChange(), policy.readingReminders());
        RoutingPlan plan = Router.route(new ReportFacts("GRIEVANCE", SUPPORT_WORKER, null, false), everyHour,
                bundled.directory(), WEDNESDAY_NOON);

        assertThat(categoryTrack(plan).reminderInterval()).isEqualTo(new Deadline(Duration.ofMinutes(30), Deadline.Clock.WALL));
    }

    @Test
    void rule6SameReportAndPolicyAlwaysGiveTheSameDecisionWithItsVersion() {
        RoutingPlan plan = route("MEDIA_ENQUIRY", SUPPORT_WORKER, null, true);

        assertThat(plan).isEqualTo(route("MEDIA_ENQUIRY", SUPPORT_WORKER, null, true));
        assertThat(plan.policyVersion()).isEqualTo(bundled.policy().version());
        assertThat(plan.policyHash()).hasSize(64);
    }

    @Test
    void rule8ACoverWhoIsNextInTheChainIsToldOnce() {
        RoutingPlan plan = Router.route(new ReportFacts("RESIDENT_CONTACT", SUPPORT_WORKER, null, false),
                bundled.policy(), bundled.directory(), Instant.parse("2027-08-05T10:00:00Z"));

        assertThat(categoryTrack(plan).steps()).extracting(RoutingPlan.Step::role)
                .containsExactly(Role.DSL, Role.CHIEF_EXECUTIVE, Role.CHAIR_OF_TRUSTEES);
        assertThat(categoryTrack(plan).reasons()).anyMatch(reason -> reason.contains("rule 8: deputy-dsl passed over"));
    }

    @Test
    void rule9EveryHolderOfARoleIsNotified() {
        Directory directory = directoryWith(people -> {
            people.add(new Person("second-dsl", "Quinn Ashgrove", "second.dsl@example.org", "+447700900108",
                    Set.of(Role.DSL), "chief-executive", List.of(), null));
            return people;
        });
        RoutingPlan plan = Router.route(new ReportFacts("SAFEGUARDING_CONCERN", SUPPORT_WORKER, null, false),
                bundled.policy(), directory, WEDNESDAY_NOON);

        assertThat(ids(categoryTrack(plan).firstStep())).containsExactly("dsl", "second-dsl");
        assertThat(categoryTrack(plan).firstStep().reasons()).anyMatch(reason -> reason.startsWith("rule 9"));
    }

    @Test
    void unknownCategoryIsRoutedAsAPolicyBreach() {
        RoutingPlan plan = route("SOMETHING_NEW", SUPPORT_WORKER, null, false);

        assertThat(plan.category()).isEqualTo("POLICY_BREACH");
        assertThat(ids(categoryTrack(plan).firstStep())).containsExactly("chief-executive");
    }

    private Directory directoryWith(UnaryOperator<List<Person>> change) {
        return new Directory("test", change.apply(new ArrayList<>(bundled.directory().people())));
    }

    private static List<Person> replace(List<Person> people, String id, UnaryOperator<Person> change) {
        people.replaceAll(person -> person.id().equals(id) ? change.apply(person) : person);
        return people;
    }
}
