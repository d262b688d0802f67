package org.safereport.intake.persistence;

import org.safereport.intake.domain.Platform;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * What the reporter wrote: stored only encrypted, with the report's data key ({@link ReportSealing}).
 *
 * @param links         empty when none
 * @param reporterName  this and the reporter's other details are null when the report is anonymous
 */
public record ReportContent(String description, LocalDate occurredOn, LocalTime occurredTime, Platform platform,
                            String platformOther, List<String> links, String reporterName, String reporterEmail,
                            String reporterPhone, String subjectName, String subjectEmail) {

    public ReportContent {
        links = links == null ? List.of() : List.copyOf(links);
    }
}
