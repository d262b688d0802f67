package org.safereport.escalation.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A report as the reporter wrote it, from intake's internal API.
 *
 * @param occurredTime "HH:mm", or null
 * @param platform the platform in words, or null
 * @param reporter null when the report was made anonymously
 * @param subject null when the reporter named nobody
 * @param messages the conversation with the reporter, oldest first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportContent(UUID reportId, String reference, String category, String categoryLabel, Instant submittedAt,
                            String description, LocalDate occurredOn, String occurredTime, String platform,
                            List<String> links, boolean youngPersonAtRisk, boolean anonymous, Contact reporter,
                            Contact subject, List<EvidenceFile> evidence, List<Message> messages) {

    /** Any field may be null: the reporter gave what they chose to. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Contact(String name, String email, String phone) {
    }

    /** @param position from 1, as people count */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EvidenceFile(UUID id, int position, String mediaType, long sizeBytes, String fileName, boolean image) {
    }

    /**
     * A message between staff and the reporter.
     *
     * @param sender {@code STAFF} or {@code REPORTER}
     * @param staffPersonId who wrote it when staff did; null for the reporter's, which names nobody
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(UUID id, String sender, String staffPersonId, String staffRoleTitle, Instant sentAt, String text) {

        public boolean fromReporter() {
            return "REPORTER".equals(sender);
        }
    }

    public ReportContent {
        links = links == null ? List.of() : List.copyOf(links);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
