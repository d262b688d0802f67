package org.safereport.escalation.domain.policy;

/** The roles of the routing policy (see routing.md, "Roles"). */
public enum Role {
    CHIEF_EXECUTIVE("the Chief Executive"),
    DSL("the Designated Safeguarding Lead"),
    DEPUTY_DSL("the Deputy Designated Safeguarding Lead"),
    /** The reporter's own line manager, looked up in the people directory. */
    LINE_MANAGER("your line manager"),
    CHAIR_OF_TRUSTEES("the Chair of Trustees");

    private final String title;

    Role(String title) {
        this.title = title;
    }

    /** The role in plain words, as a reporter reads it ("your report is with the Designated Safeguarding Lead"). */
    public String title() {
        return title;
    }
}
