package org.safereport.escalation.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.TrackState;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the staff case API answers with. */
public final class CaseViews {

    private CaseViews() {
    }

    /**
     * @param withRole the role the case is with on its category chain now
     * @param respondBy when that role must acknowledge by; null once acknowledged or closed
     * @param overdue a chain is waiting past its deadline, or has run out
     */
    public record CaseSummary(UUID id, String reference, String category, String categoryLabel, CaseState state,
                              Instant submittedAt, Instant openedAt, String withRole, Instant respondBy, boolean overdue) {
    }

    /**
     * @param decision the routing decision with its reasons (which rule fired, who was skipped and why)
     * @param outcome the outcome summary the reporter is shown, once closed
     */
    public record CaseDetail(CaseSummary summary, String policyVersion, String policyHash, String directoryVersion,
                             JsonNode decision, List<Track> tracks, List<Notification> notifications,
                             List<TimelineItem> timeline, Instant closedAt, String closedBy, String outcome,
                             String internalNote) {
    }

    /** @param setAsideAt when the deadline engine gave up firing this chain's deadline, {@code setAsideBecause} why; null normally */
    public record Track(String name, String category, TrackState state, int currentStep, Instant nextDueAt,
                        String acknowledgedBy, Instant acknowledgedAt, Instant setAsideAt, String setAsideBecause,
                        List<Step> steps) {
    }

    /** @param notifiedAt null while the step's turn has not come */
    public record Step(int index, String role, String personId, String personName, List<String> channels, String deadline,
                       Instant dueAt, Instant notifiedAt) {
    }

    public record Notification(UUID requestId, String template, String track, int step, String personId,
                               List<String> channels, Instant requestedAt, List<Delivery> deliveries) {
    }

    /** @param outcome {@code SENT} or {@code FAILED}; @param permanent for a failure: nothing more will be tried */
    public record Delivery(String channel, String outcome, boolean permanent, String reason, int attempts,
                           Instant reportedAt) {
    }

    public record TimelineItem(Instant at, String kind, String detail) {
    }
}
