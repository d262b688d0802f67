package org.safereport.escalation.domain.trustees;

/**
 * How many of the people in the directory have confirmed reading the policy version in force, as the trustees'
 * report shows it: as things stand now, whatever period the report covers.
 */
public record PolicyConfirmations(String policyVersion, int members, int confirmed) {

    /** A whole percentage of the members; 0 of an empty directory. */
    public int percentConfirmed() {
        return members == 0 ? 0 : Math.round(100f * confirmed / members);
    }
}
