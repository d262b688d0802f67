package org.safereport.escalation.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.safereport.escalation.domain.CaseState;
import org.safereport.escalation.domain.TrackState;
import org.safereport.escalation.domain.routing.Explanation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the staff case API answers with. A time that can be null is declared as a date-time string itself:
 * in OpenAPI 3.0, null does not pass a reference to the shared {@code Instant} schema, nullable or not.
 */
public final class CaseViews {

    private CaseViews() {
    }

    /**
     * @param withRole the role the case is with on its category chain now
     * @param respondBy when that role must acknowledge by; null once acknowledged or closed
     * @param overdue a chain is waiting past its deadline, or has run out
     */
    public record CaseSummary(UUID id, String reference, String category, String categoryLabel, CaseState state,
                              Instant submittedAt, Instant openedAt,
                              @Schema(nullable = true) String withRole,
                              @Schema(implementation = String.class, format = "date-time", nullable = true) Instant respondBy,
                              boolean overdue) {
    }

    /**
     * @param decision the routing decision with its reasons (which rule fired, who was skipped and why)
     * @param outcome the outcome summary the reporter is shown, once closed
     */
    public record CaseDetail(CaseSummary summary, String policyVersion, String policyHash, String directoryVersion,
                             @Schema(implementation = Explanation.class, nullable = true) JsonNode decision,
                             List<Track> tracks, List<Notification> notifications, List<TimelineItem> timeline,
                             @Schema(implementation = String.class, format = "date-time", nullable = true) Instant closedAt,
                             @Schema(nullable = true) String closedBy,
                             @Schema(nullable = true) String outcome,
                             @Schema(nullable = true) String internalNote) {
    }

    /**
     * @param nextDueAt null once acknowledged or closed
     * @param setAsideAt when the deadline engine gave up firing this chain's deadline, {@code setAsideBecause} why; null normally
     */
    public record Track(String name, String category, TrackState state, int currentStep,
                        @Schema(implementation = String.class, format = "date-time", nullable = true) Instant nextDueAt,
                        @Schema(nullable = true) String acknowledgedBy,
                        @Schema(implementation = String.class, format = "date-time", nullable = true) Instant acknowledgedAt,
                        @Schema(implementation = String.class, format = "date-time", nullable = true) Instant setAsideAt,
                        @Schema(nullable = true) String setAsideBecause,
                        List<Step> steps) {
    }

    /**
     * @param personName null when the person has left the directory since
     * @param notifiedAt null while the step's turn has not come
     */
    public record Step(int index, String role, String personId,
                       @Schema(nullable = true) String personName,
                       List<String> channels, String deadline, Instant dueAt,
                       @Schema(implementation = String.class, format = "date-time", nullable = true) Instant notifiedAt) {
    }

    public record Notification(UUID requestId, String template, String track, int step, String personId,
                               List<String> channels, Instant requestedAt, List<Delivery> deliveries) {
    }

    /**
     * @param outcome {@code SENT} or {@code FAILED}
     * @param permanent for a failure: nothing more will be tried
     * @param reason why it failed; null when sent
     */
    public record Delivery(String channel, String outcome, boolean permanent, @Schema(nullable = true) String reason,
                           int attempts, Instant reportedAt) {
    }

    public record TimelineItem(Instant at, String kind, String detail) {
    }
}
