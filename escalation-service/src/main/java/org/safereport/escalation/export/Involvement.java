package org.safereport.escalation.export;

/** How a person comes into a case. */
public enum Involvement {
    REPORTER("made the report"),
    SUBJECT("is who the report is about"),
    TOLD("was told of it"),
    ACKNOWLEDGED("acknowledged it"),
    WROTE_NOTE("wrote a note on it"),
    CLOSED("closed it"),
    REOPENED("reopened it");

    private final String words;

    Involvement(String words) {
        this.words = words;
    }

    /** After the person's name or "They": "made the report". */
    public String words() {
        return words;
    }

    /** The case as a whole is about the person, not only their part in it. */
    boolean wholeCase() {
        return this == REPORTER || this == SUBJECT;
    }
}
