package org.safereport.escalation.trustees;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.safereport.escalation.config.ActivePolicy;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.trustees.AfterTheFirstResponse;
import org.safereport.escalation.domain.trustees.PolicyConfirmations;
import org.safereport.escalation.domain.trustees.ReportingPeriod;
import org.safereport.escalation.domain.trustees.TimeTaken;
import org.safereport.escalation.domain.trustees.TrusteesFigures;
import org.safereport.events.notification.Channel;
import org.safereport.events.notification.NotificationRequestedV1;
import org.safereport.events.notification.Template;
import org.safereport.events.notification.TemplateData;
import org.safereport.messaging.outbox.Outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * At the start of each quarter the Chair of Trustees gets the previous quarter's figures by email. The quarter's
 * row is inserted in the transaction that puts the emails in the outbox, so replicas and restarts send it once;
 * a service that was down on the first day sends it when it is back.
 */
@ApplicationScoped
public class QuarterlyReportToChair {

    private static final Logger LOG = Logger.getLogger(QuarterlyReportToChair.class);

    private final TrusteesReports reports;
    private final ActivePolicy activePolicy;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final Clock clock;

    QuarterlyReportToChair(TrusteesReports reports, ActivePolicy activePolicy, Outbox outbox, EntityManager entityManager,
                           Clock clock) {
        this.reports = reports;
        this.activePolicy = activePolicy;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Scheduled(every = "${escalation.trustees-report-check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledCheck() {
        send();
    }

    /** Sends the previous quarter's figures unless they have gone already; returns the quarter sent, if any. */
    @Transactional
    public Optional<String> send() {
        ReportingPeriod quarter = ReportingPeriod.quarterOf(reports.today()).previousQuarter();
        String name = quarter.quarterName().orElseThrow();
        List<Person> chairs = activePolicy.directory().holders(Role.CHAIR_OF_TRUSTEES);
        if (chairs.isEmpty()) {
            // Left unclaimed, so that the quarter's figures go out once the directory has a Chair again.
            LOG.warnf("Trustees' figures for %s not sent: the directory has no Chair of Trustees", name);
            return Optional.empty();
        }
        Instant now = clock.instant();
        int claimed = entityManager.createNativeQuery(
                        "INSERT INTO trustees_report_sent (quarter, sent_at) VALUES (:quarter, :now) ON CONFLICT (quarter) DO NOTHING")
                .setParameter("quarter", name).setParameter("now", now).executeUpdate();
        if (claimed == 0) {
            return Optional.empty();
        }
        TemplateData.QuarterFigures data = emailed(reports.figures(quarter), reports.afterTheFirstResponse(quarter),
                reports.policyConfirmations());
        chairs.forEach(chair -> outbox.add("trustees-report-" + name, NotificationRequestedV1.of(now,
                UUID.nameUUIDFromBytes((Template.TRUSTEES_REPORT.wireName() + "/" + name + "/" + chair.id()).getBytes(StandardCharsets.UTF_8)),
                null, new NotificationRequestedV1.Recipient(chair.id(), chair.name(), chair.email(), chair.mobile()),
                List.of(Channel.EMAIL), Template.TRUSTEES_REPORT, data, null, NotificationRequestedV1.Priority.NORMAL)));
        LOG.infof("Trustees' figures for %s sent to the Chair of Trustees (%d recipient(s))", name, chairs.size());
        return Optional.of(name);
    }

    private static TemplateData.QuarterFigures emailed(TrusteesFigures figures, AfterTheFirstResponse after,
                                                       PolicyConfirmations confirmations) {
        TrusteesFigures.CategoryFigures total = figures.total();
        return new TemplateData.QuarterFigures(figures.period().describe(), total.reports(), total.acknowledgedWithinDeadline(),
                total.wentOverdue(), total.reachedEndOfChain(), described(total.medianTimeToAcknowledge()),
                described(total.ninetiethPercentileTimeToAcknowledge()),
                figures.categories().stream().map(line -> new TemplateData.QuarterFigures.CategoryLine(line.label(), line.reports(),
                        line.acknowledgedWithinDeadline(), line.deadline())).toList(),
                "/cases/trustees-report?quarter=" + figures.period().quarterName().orElseThrow(), after.removalsRequested(),
                after.confirmedRemoved(), after.referrals(), confirmations.policyVersion(), confirmations.members(),
                confirmations.confirmed());
    }

    private static String described(Optional<Duration> duration) {
        return duration.map(TimeTaken::describe).orElse(null);
    }
}
