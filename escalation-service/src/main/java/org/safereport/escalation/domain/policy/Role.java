package org.safereport.escalation.domain.policy;

/** The roles of the routing policy (see routing.md, "Roles"). */
public enum Role {
    CHIEF_EXECUTIVE,
    DSL,
    DEPUTY_DSL,
    /** The reporter's own line manager, looked up in the people directory. */
    LINE_MANAGER,
    CHAIR_OF_TRUSTEES
}
