package org.safereport.notification.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * When a response is due, as the recipient reads it: in the recipient's own time zone when the request
 * names one (data {@code timeZone}, e.g. {@code Europe/Madrid} for someone working abroad), otherwise as
 * the escalation service wrote it in the policy's zone ({@code dueAtLocal}).
 */
public final class DueTime {

    /** The same form as the escalation service's, so both read alike: "Wednesday 25 November 2026 at 13:00 GMT". */
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu 'at' HH:mm zzz", Locale.UK);

    private DueTime() {
    }

    /**
     * @param dueAt the deadline, or {@code null}
     * @param dueAtLocal the deadline as the escalation service described it, or {@code null}
     * @param timeZone the recipient's IANA time zone, or {@code null}
     * @return the description to show, or {@code null} when the request gives no deadline
     */
    public static String describe(Instant dueAt, String dueAtLocal, String timeZone) {
        if (dueAt != null && timeZone != null) {
            try {
                return FORMAT.format(dueAt.atZone(ZoneId.of(timeZone)));
            } catch (DateTimeException e) {
                // Not a usable instant or zone: the escalation service's own description is still right.
            }
        }
        return dueAtLocal != null ? dueAtLocal : dueAt == null ? null : dueAt.toString();
    }
}
