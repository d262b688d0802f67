package org.safereport.intake.domain;

import org.safereport.time.Deadline;

/**
 * One category of the routing policy in force, as a reporter reads it: what it is, what to do now, who
 * looks at it (a role in plain words, never a name) and how fast they are expected to respond.
 *
 * @param handledByTitleIfAnonymous who looks at it when the reporter gives no email (a line manager's
 *                                  report then goes to the Chief Executive)
 */
public record PolicyCategory(String code, String label, String hint, String guidance, String handledByTitle,
                             String handledByTitleIfAnonymous, Deadline deadline, String respondWithin) {

    public String handledByTitle(boolean anonymous) {
        return anonymous ? handledByTitleIfAnonymous : handledByTitle;
    }
}
