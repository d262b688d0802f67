package org.safereport.escalation.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.safereport.escalation.domain.policy.Role;

/** What the staff navigation offers the person signed in ({@code inject:staffNavigation} in staffNav.html). */
@Named("staffNavigation")
@RequestScoped
public class StaffNavigation {

    private final SecurityIdentity identity;

    StaffNavigation(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Only the Chief Executive exports a person's data. */
    public boolean exportsPeople() {
        return identity.hasRole(Role.CHIEF_EXECUTIVE.name());
    }

    /** The Chair of Trustees and the Chief Executive read the trustees' report. */
    public boolean readsTrusteesReport() {
        return identity.hasRole(Role.CHAIR_OF_TRUSTEES.name()) || identity.hasRole(Role.CHIEF_EXECUTIVE.name());
    }

    /** Only the Chief Executive follows who has confirmed reading the policy. */
    public boolean followsPolicyReading() {
        return identity.hasRole(Role.CHIEF_EXECUTIVE.name());
    }
}
