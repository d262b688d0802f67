package org.safereport.escalation.domain.trustees;

import org.safereport.escalation.domain.RemovalState;

import java.util.Map;

/**
 * What the organisation did after the first response, for the trustees' report: the removal requests made in
 * the period by where each stands now, and the disciplinary referrals opened in it. Counts only.
 */
public record AfterTheFirstResponse(int removalsRequested, int awaitingAnswer, int removedAwaitingCheck, int confirmedRemoved,
                                    int refused, int notRemovedByDeadline, int referralsAfterRefusal,
                                    int referralsAfterMissedDeadline) {

    /**
     * @param removals how many of the period's removal requests stand in each state
     * @param referralsAfterRefusal referrals opened in the period because the person asked refused
     * @param referralsAfterMissedDeadline referrals opened in the period because the deadline passed unanswered
     */
    public static AfterTheFirstResponse of(Map<RemovalState, Integer> removals, int referralsAfterRefusal,
                                           int referralsAfterMissedDeadline) {
        return new AfterTheFirstResponse(removals.values().stream().mapToInt(Integer::intValue).sum(),
                removals.getOrDefault(RemovalState.REQUESTED, 0), removals.getOrDefault(RemovalState.REMOVED, 0),
                removals.getOrDefault(RemovalState.CONFIRMED, 0), removals.getOrDefault(RemovalState.REFUSED, 0),
                removals.getOrDefault(RemovalState.NOT_REMOVED, 0), referralsAfterRefusal, referralsAfterMissedDeadline);
    }

    public int referrals() {
        return referralsAfterRefusal + referralsAfterMissedDeadline;
    }
}
