package org.safereport.escalation.domain.directory;

import org.safereport.escalation.domain.policy.Role;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * Someone in the people directory.
 *
 * @param mobile in E.164, e.g. +447700900123
 * @param lineManagerId the id of their line manager, or {@code null}
 * @param timeZone where they work when it is not the policy's time zone (a trustee abroad), so that their
 *                 messages give deadlines in their own time; {@code null} otherwise
 */
public record Person(String id, String name, String email, String mobile, Set<Role> roles, String lineManagerId,
                     List<Absence> absences, ZoneId timeZone) {

    public Person {
        roles = Set.copyOf(roles);
        absences = List.copyOf(absences);
    }

    /** Away from {@code from} until {@code until}; {@code coverId} names who stands in, if anyone. */
    public record Absence(Instant from, Instant until, String coverId) {

        public boolean covers(Instant instant) {
            return !instant.isBefore(from) && instant.isBefore(until);
        }
    }

    public boolean holds(Role role) {
        return roles.contains(role);
    }

    public java.util.Optional<Absence> absenceAt(Instant instant) {
        return absences.stream().filter(absence -> absence.covers(instant)).findFirst();
    }
}
