package org.safereport.escalation.trustees;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.trustees.AfterTheFirstResponse;
import org.safereport.escalation.domain.trustees.PolicyConfirmations;
import org.safereport.escalation.domain.trustees.ReportingPeriod;
import org.safereport.escalation.domain.trustees.TrusteesFigures;
import org.safereport.escalation.persistence.DisciplinaryReferral;
import org.safereport.escalation.persistence.TrusteesQueries;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The trustees' report: "Korban trustees are responsible for monitoring and reviewing the operation of this
 * policy". Counted from the cases as they stand, with the categories and deadlines of the policy in force.
 */
@ApplicationScoped
public class TrusteesReports {

    private final TrusteesQueries queries;
    private final ActivePolicy activePolicy;
    private final Clock clock;

    TrusteesReports(TrusteesQueries queries, ActivePolicy activePolicy, Clock clock) {
        this.queries = queries;
        this.activePolicy = activePolicy;
        this.clock = clock;
    }

    @Transactional
    public TrusteesFigures figures(ReportingPeriod period) {
        RoutingPolicy policy = activePolicy.policy();
        ZoneId zone = policy.calendar().zone();
        return TrusteesFigures.of(period, policy.categories().values().stream()
                        .map(rule -> new TrusteesFigures.CategoryHeading(rule.code(), rule.label(), rule.deadline().describe()))
                        .toList(),
                queries.reportedBetween(period.start(zone), period.end(zone)));
    }

    /** The removal requests made in the period, by where each stands now, and the referrals opened in it. */
    @Transactional
    public AfterTheFirstResponse afterTheFirstResponse(ReportingPeriod period) {
        ZoneId zone = activePolicy.policy().calendar().zone();
        return AfterTheFirstResponse.of(queries.removalsRequestedBetween(period.start(zone), period.end(zone)),
                queries.referralsOpenedBetween(period.start(zone), period.end(zone), DisciplinaryReferral.Reason.REFUSED),
                queries.referralsOpenedBetween(period.start(zone), period.end(zone), DisciplinaryReferral.Reason.NOT_REMOVED));
    }

    /** Who in the directory has confirmed reading the version in force, now. */
    @Transactional
    public PolicyConfirmations policyConfirmations() {
        List<String> members = activePolicy.directory().people().stream().map(Person::id).toList();
        String version = activePolicy.policy().version();
        return new PolicyConfirmations(version, members.size(), queries.confirmedReading(version, members));
    }

    /** Today in the policy's time zone: the quarters and days of the report are the organisation's. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), activePolicy.policy().calendar().zone());
    }
}
