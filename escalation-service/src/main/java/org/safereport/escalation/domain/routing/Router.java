package org.safereport.escalation.domain.routing;

import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.time.Deadline;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.policy.RoutingPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the routing policy to a report: a pure function of the report, the policy, the directory and
 * the instant (no I/O, no clock), so that the same inputs always give the same plan (rule 6) and every
 * rule can be tested alone. Rule numbers refer to routing.md.
 */
public final class Router {

    private Router() {
    }

    public static RoutingPlan route(ReportFacts report, RoutingPolicy policy, Directory directory, Instant now) {
        List<String> reasons = new ArrayList<>();
        CategoryRule rule = policy.category(report.category()).orElseGet(() -> {
            reasons.add("category " + report.category() + " is not in policy " + policy.version()
                    + ": routed as " + policy.fallbackCategory());
            return policy.categories().get(policy.fallbackCategory());
        });
        Optional<Person> reporter = directory.byEmail(report.reporterEmail());
        Optional<Person> subject = directory.byEmail(report.subjectEmail());
        if (report.reporterEmail() == null) {
            reasons.add("anonymous report");
        } else if (reporter.isEmpty()) {
            reasons.add("reporter not in the directory");
        }
        if (report.subjectEmail() != null && subject.isEmpty()) {
            reasons.add("the member the report is about is not in the directory");
        }
        People people = new People(directory, reporter, subject, policy.passedOverGoesTo());

        List<RoutingPlan.Track> tracks = new ArrayList<>();
        tracks.add(track(RoutingPlan.CATEGORY_TRACK, rule, policy, people, now));
        if (report.youngPersonAtRisk()) {
            CategoryRule safeguarding = policy.categories().get(policy.safeguardingOverlayCategory());
            if (sameChain(rule, safeguarding)) {
                reasons.add("rule 1: a young person may be at risk; " + rule.code()
                        + " already follows the safeguarding chain");
            } else {
                reasons.add("rule 1: a young person may be at risk, so the " + safeguarding.code()
                        + " chain runs as well");
                tracks.add(track(RoutingPlan.SAFEGUARDING_TRACK, safeguarding, policy, people, now));
            }
        }
        return new RoutingPlan(policy.version(), policy.contentHash(), rule.code(), tracks, reasons);
    }

    private static boolean sameChain(CategoryRule rule, CategoryRule safeguarding) {
        return rule.steps().equals(safeguarding.steps());
    }

    private static RoutingPlan.Track track(String name, CategoryRule rule, RoutingPolicy policy, People people, Instant now) {
        List<String> trackReasons = new ArrayList<>();
        Set<String> notified = new HashSet<>();
        List<RoutingPlan.Step> steps = new ArrayList<>();
        Instant stepStart = now;
        for (CategoryRule.ChainStep chainStep : rule.steps()) {
            List<String> reasons = new ArrayList<>();
            // Rule 4 looks at absence when the step is due to be sent, not when the report came in.
            List<Person> recipients = people.recipients(chainStep.role(), notified, reasons, stepStart);
            if (recipients.isEmpty()) {
                trackReasons.add(chainStep.role() + " step passed over: " + String.join("; ", reasons));
                continue;
            }
            Instant dueAt = policy.calendar().due(stepStart, chainStep.deadline());
            steps.add(new RoutingPlan.Step(steps.size(), chainStep.role(), recipients, rule.channels(),
                    chainStep.deadline(), dueAt, reasons));
            stepStart = dueAt;
        }
        if (steps.isEmpty()) {
            steps.add(lastResort(rule, policy, people, now, trackReasons));
        }
        Deadline lastDeadline = steps.get(steps.size() - 1).deadline();
        Deadline reminder = policy.endOfChainReminder().map(every -> new Deadline(every, Deadline.Clock.WALL))
                .orElse(lastDeadline);
        return new RoutingPlan.Track(name, rule.code(), steps, reminder, trackReasons);
    }

    /**
     * Nobody eligible is left anywhere in the chain (say, a report by the Chief Executive about the Chair):
     * the chain's last role, then the Chair, then the Chief Executive, regardless of absence or of being
     * the reporter, but never the subject.
     */
    private static RoutingPlan.Step lastResort(CategoryRule rule, RoutingPolicy policy, People people, Instant now,
                                               List<String> trackReasons) {
        List<CategoryRule.ChainStep> steps = rule.steps();
        CategoryRule.ChainStep last = steps.get(steps.size() - 1);
        for (Role role : List.of(last.role(), Role.CHAIR_OF_TRUSTEES, Role.CHIEF_EXECUTIVE)) {
            List<Person> recipients = people.holdersOtherThanSubject(role);
            if (!recipients.isEmpty()) {
                trackReasons.add("no eligible recipient left in the chain: last resort " + role
                        + ", regardless of absence or of being the reporter");
                return new RoutingPlan.Step(0, role, recipients, rule.channels(), last.deadline(),
                        policy.calendar().due(now, last.deadline()), List.of("last resort"));
            }
        }
        throw new IllegalStateException("the directory has no one to route to: no " + last.role()
                + ", chair of trustees or chief executive other than the subject");
    }

    /**
     * Rule 4: {@code planned} if they are not absent at {@code sendAt}, otherwise their named cover if the
     * cover is there and may stand in, otherwise nobody. Used when planning, and again when a later step's
     * turn comes, with the directory as it is then. The reason names everyone passed over and why (rule 6).
     *
     * @param excluded who may not stand in, each with why: the subject, the reporter, those already told
     */
    public static Optional<Person> availableAt(Person planned, Directory directory, Instant sendAt,
                                               Map<String, String> excluded, List<String> reasons) {
        Optional<Person.Absence> absence = planned.absenceAt(sendAt);
        if (absence.isEmpty()) {
            return Optional.of(planned);
        }
        String coverId = absence.get().coverId();
        Optional<Person> cover = Optional.ofNullable(coverId).flatMap(directory::byId);
        String absent = "rule 4: " + planned.id() + " is absent";
        if (coverId == null) {
            reasons.add(absent + " and names no cover: passed over");
        } else if (cover.isEmpty()) {
            reasons.add(absent + "; their cover " + coverId + " is not in the directory: both passed over");
        } else if (cover.get().absenceAt(sendAt).isPresent()) {
            reasons.add(absent + "; their cover " + coverId + " is absent too: both passed over");
        } else if (excluded.containsKey(coverId)) {
            reasons.add(absent + "; their cover " + coverId + " is passed over: " + excluded.get(coverId));
        } else {
            reasons.add(absent + ", covered by " + coverId);
            return cover;
        }
        return Optional.empty();
    }

    /** Turns a role into people, applying rules 2, 3, 4, 8 and 9. */
    private static final class People {

        private static final String SUBJECT = "the report is about them";
        private static final String REPORTER = "they made the report";
        private static final String ALREADY_TOLD = "already notified on this case";

        private final Directory directory;
        private final Optional<Person> reporter;
        private final Optional<Person> subject;
        private final Map<Role, Role> passedOverGoesTo;

        People(Directory directory, Optional<Person> reporter, Optional<Person> subject, Map<Role, Role> passedOverGoesTo) {
            this.directory = directory;
            this.reporter = reporter;
            this.subject = subject;
            this.passedOverGoesTo = passedOverGoesTo;
        }

        /** @param notified the ids already chosen on this chain; the chosen ones are added to it */
        List<Person> recipients(Role role, Set<String> notified, List<String> reasons, Instant sendAt) {
            List<Person> recipients = new ArrayList<>();
            Set<Role> tried = new HashSet<>();
            for (Role asked = role; asked != null && tried.add(asked); ) {
                boolean passedOverByRule2 = false;
                for (Person holder : holders(asked, reasons)) {
                    Optional<String> rule2 = whyNever(holder);
                    if (rule2.isPresent()) {
                        reasons.add("rule 2: " + holder.id() + " passed over: " + rule2.get());
                        passedOverByRule2 = true;
                        continue;
                    }
                    availableAt(holder, directory, sendAt, excluded(notified), reasons).ifPresent(person -> {
                        if (notified.contains(person.id()) || recipients.contains(person)) {
                            reasons.add("rule 8: " + person.id() + " passed over: " + ALREADY_TOLD);
                        } else {
                            recipients.add(person);
                        }
                    });
                }
                // Rule 2 replaces the person it passes over ("a report about the Chief Executive goes to the
                // Chair of Trustees"), so that the chain above them is never cut short; rule 8 then applies.
                if (!recipients.isEmpty() || !passedOverByRule2) {
                    break;
                }
                asked = passedOverGoesTo.get(asked);
                if (asked != null && !tried.contains(asked)) {
                    reasons.add("rule 2: the step goes to the " + asked + " instead");
                }
            }
            recipients.forEach(person -> notified.add(person.id()));
            if (recipients.size() > 1) {
                reasons.add("rule 9: " + role + " is held by " + recipients.size() + " people, all notified");
            }
            return recipients;
        }

        List<Person> holdersOtherThanSubject(Role role) {
            return directory.holders(role).stream().filter(person -> !isSubject(person)).toList();
        }

        /** Rule 3: the reporter's line manager, or the Chief Executive when none is known. */
        private List<Person> holders(Role role, List<String> reasons) {
            if (role != Role.LINE_MANAGER) {
                return directory.holders(role);
            }
            Optional<Person> manager = reporter.flatMap(person -> directory.byId(person.lineManagerId()));
            if (manager.isPresent()) {
                reasons.add("the reporter's line manager is " + manager.get().id());
                return List.of(manager.get());
            }
            reasons.add("rule 3: no line manager known, so the Chief Executive");
            return directory.holders(Role.CHIEF_EXECUTIVE);
        }

        /** Rule 2: why {@code person} is never told about this report, if they are not. */
        private Optional<String> whyNever(Person person) {
            return isSubject(person) ? Optional.of(SUBJECT) : isReporter(person) ? Optional.of(REPORTER) : Optional.empty();
        }

        /** Who may not stand in as a cover, and why. */
        private Map<String, String> excluded(Set<String> notified) {
            Map<String, String> excluded = new HashMap<>();
            notified.forEach(id -> excluded.put(id, ALREADY_TOLD));
            reporter.ifPresent(person -> excluded.put(person.id(), REPORTER));
            subject.ifPresent(person -> excluded.put(person.id(), SUBJECT));
            return excluded;
        }

        private boolean isSubject(Person person) {
            return subject.map(s -> s.id().equals(person.id())).orElse(false);
        }

        private boolean isReporter(Person person) {
            return reporter.map(r -> r.id().equals(person.id())).orElse(false);
        }
    }
}
