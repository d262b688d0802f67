package org.safereport.escalation.domain.policy;

/** The roles of the routing policy (see routing.md, "Roles"). */
public enum Role {
    CHIEF_EXECUTIVE("the Chief Executive", "Chief Executive"),
    DSL("the Designated Safeguarding Lead", "Designated Safeguarding Lead"),
    DEPUTY_DSL("the Deputy Designated Safeguarding Lead", "Deputy Designated Safeguarding Lead"),
    /** The reporter's own line manager, looked up in the people directory. */
    LINE_MANAGER("your line manager", "Reporter's line manager"),
    CHAIR_OF_TRUSTEES("the Chair of Trustees", "Chair of Trustees");

    private final String title;
    private final String label;

    Role(String title, String label) {
        this.title = title;
        this.label = label;
    }

    /** The role as staff read it on a case ("Designated Safeguarding Lead"). */
    public String label() {
        return label;
    }

    /** The role in plain words, as a reporter reads it ("your report is with the Designated Safeguarding Lead"). */
    public String title() {
        return title;
    }
}
