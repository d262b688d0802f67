package org.safereport.intake.domain;

/** Who wrote a message in a report's conversation. The names are stored: never rename one. */
public enum MessageSender {
    /** A member of staff dealing with the report, from the case page. */
    STAFF,
    /** The reporter, on the status page: anonymous when the report is. */
    REPORTER
}
