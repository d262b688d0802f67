package org.safereport.escalation.domain;

import org.junit.jupiter.api.Test;
import org.safereport.escalation.config.PolicyFiles;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Channel;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.routing.ReportFacts;
import org.safereport.escalation.domain.routing.Router;
import org.safereport.escalation.domain.routing.RoutingPlan;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The first step of the plan for the three kinds of first recipient, and the rules that change it. */
class RouterTest {

    private static final Instant WEDNESDAY_NOON = Instant.parse("2026-11-25T12:00:00Z");
    private static final String SUPPORT_WORKER = "support.worker@example.org";

    private final PolicyFiles.Loaded bundled = BundledPolicy.load();

    private RoutingPlan route(String category, String reporter, String subject, Instant now) {
        return Router.route(new ReportFacts(category, reporter, subject, false), bundled.policy(), bundled.directory(), now);
    }

    private static List<String> firstRecipients(RoutingPlan plan) {
        return plan.firstStep().recipients().stream().map(Person::id).toList();
    }

    @Test
    void residentContactGoesToTheDslWithinAnHourByEmailAndSms() {
        RoutingPlan plan = route("RESIDENT_CONTACT", SUPPORT_WORKER, null, WEDNESDAY_NOON);

        assertThat(plan.firstStep().role()).isEqualTo(Role.DSL);
        assertThat(firstRecipients(plan)).containsExactly("dsl");
        assertThat(plan.firstStep().channels()).containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS);
        assertThat(plan.firstStep().dueAt()).isEqualTo(Instant.parse("2026-11-25T13:00:00Z"));
        assertThat(plan.steps()).extracting(RoutingPlan.Step::role)
                .containsExactly(Role.DSL, Role.DEPUTY_DSL, Role.CHIEF_EXECUTIVE, Role.CHAIR_OF_TRUSTEES);
        assertThat(plan.policyVersion()).isEqualTo(bundled.policy().version());
        assertThat(plan.policyHash()).hasSize(64);
    }

    @Test
    void inappropriateMaterialGoesToTheChiefExecutiveWithinEightWorkingHours() {
        RoutingPlan plan = route("INAPPROPRIATE_MATERIAL", SUPPORT_WORKER, null, WEDNESDAY_NOON);

        assertThat(firstRecipients(plan)).containsExactly("chief-executive");
        assertThat(plan.firstStep().channels()).containsExactly(Channel.EMAIL);
        assertThat(plan.firstStep().dueAt()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    }

    @Test
    void mediaEnquiryGoesToTheReportersLineManager() {
        RoutingPlan plan = route("MEDIA_ENQUIRY", SUPPORT_WORKER, null, WEDNESDAY_NOON);

        assertThat(plan.firstStep().role()).isEqualTo(Role.LINE_MANAGER);
        assertThat(firstRecipients(plan)).containsExactly("team-leader");
        assertThat(plan.steps().get(1).recipients()).extracting(Person::id).containsExactly("chief-executive");
    }

    @Test
    void anonymousLineManagerReportGoesToTheChiefExecutiveOnce() {
        RoutingPlan plan = route("GRIEVANCE", null, null, WEDNESDAY_NOON);

        assertThat(firstRecipients(plan)).containsExactly("chief-executive");
        assertThat(plan.firstStep().reasons()).anyMatch(reason -> reason.startsWith("rule 3"));
        // Rule 8: the Chief Executive is next in the chain too, and is not told twice.
        assertThat(plan.steps()).hasSize(1);
        assertThat(plan.reasons()).contains("anonymous report");
    }

    @Test
    void reportAboutTheChiefExecutiveGoesToTheChairOfTrustees() {
        RoutingPlan plan = route("POLICY_BREACH", SUPPORT_WORKER, "Chief.Executive@example.org", WEDNESDAY_NOON);

        assertThat(firstRecipients(plan)).containsExactly("chair");
        assertThat(plan.reasons()).anyMatch(reason -> reason.contains("rule 2: chief-executive passed over: the report is about them"));
    }

    @Test
    void reportAboutOnesOwnLineManagerGoesToTheChiefExecutive() {
        RoutingPlan plan = route("CONFIDENTIALITY_QUESTION", SUPPORT_WORKER, "team.leader@example.org", WEDNESDAY_NOON);

        assertThat(firstRecipients(plan)).containsExactly("chief-executive");
    }

    @Test
    void absentDslIsReplacedByTheirCover() {
        RoutingPlan plan = route("SAFEGUARDING_CONCERN", SUPPORT_WORKER, null, Instant.parse("2027-08-05T10:00:00Z"));

        assertThat(firstRecipients(plan)).containsExactly("deputy-dsl");
        assertThat(plan.firstStep().reasons()).contains("rule 4: dsl is absent, covered by deputy-dsl");
        // The cover is already on the case, so the deputy step is passed over (rule 8).
        assertThat(plan.steps().get(1).role()).isEqualTo(Role.CHIEF_EXECUTIVE);
    }

    @Test
    void unknownCategoryIsRoutedAsAPolicyBreach() {
        RoutingPlan plan = route("SOMETHING_NEW", SUPPORT_WORKER, null, WEDNESDAY_NOON);

        assertThat(plan.category()).isEqualTo("POLICY_BREACH");
        assertThat(firstRecipients(plan)).containsExactly("chief-executive");
    }

    @Test
    void sameReportAndPolicyAlwaysGiveTheSameDecision() {
        assertThat(route("MEDIA_ENQUIRY", SUPPORT_WORKER, null, WEDNESDAY_NOON))
                .isEqualTo(route("MEDIA_ENQUIRY", SUPPORT_WORKER, null, WEDNESDAY_NOON));
    }
}
