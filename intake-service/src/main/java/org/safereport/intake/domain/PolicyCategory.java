package org.safereport.intake.domain;

import org.safereport.time.Deadline;

/**
 * One category of the routing policy in force, as a reporter reads it: what it is, what to do now, who
 * looks at it (a role in plain words, never a name) and how fast they are expected to respond.
 */
public record PolicyCategory(String code, String label, String hint, String guidance, String handledByTitle,
                             Deadline deadline, String respondWithin) {
}
