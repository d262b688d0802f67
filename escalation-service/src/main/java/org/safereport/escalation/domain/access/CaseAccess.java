package org.safereport.escalation.domain.access;

import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.Role;

import java.util.Set;

/**
 * Who among staff may see a case: never the person it is about; the Chief Executive every other case;
 * the DSL and deputy the safeguarding cases (those whose plan involves the DSL role); anyone else only
 * the cases that were sent to them.
 */
public final class CaseAccess {

    private CaseAccess() {
    }

    /**
     * @param subjectPersonId the person the report is about, or {@code null}
     * @param rolesOnPlan the roles on any step of the case's plan
     * @param notifiedPersonIds the people the case has been sent to so far
     */
    public record CaseFacts(String subjectPersonId, Set<Role> rolesOnPlan, Set<String> notifiedPersonIds) {
    }

    public static boolean canSee(Person viewer, CaseFacts facts) {
        if (viewer.id().equals(facts.subjectPersonId())) {
            return false;
        }
        if (viewer.holds(Role.CHIEF_EXECUTIVE)) {
            return true;
        }
        boolean safeguarding = facts.rolesOnPlan().contains(Role.DSL) || facts.rolesOnPlan().contains(Role.DEPUTY_DSL);
        if (safeguarding && (viewer.holds(Role.DSL) || viewer.holds(Role.DEPUTY_DSL))) {
            return true;
        }
        return facts.notifiedPersonIds().contains(viewer.id());
    }

    /** The Chief Executive decides when a case must be kept past its retention period for legal reasons. */
    public static boolean placesLegalHolds(Person viewer) {
        return viewer.holds(Role.CHIEF_EXECUTIVE);
    }

    /** The Chief Executive answers for how cases are handled, so they see who read and did what to each. */
    public static boolean seesAudit(Person viewer) {
        return viewer.holds(Role.CHIEF_EXECUTIVE);
    }
}
