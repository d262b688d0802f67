package org.safereport.escalation.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMin;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.Channel;
import org.safereport.escalation.domain.policy.ReadingReminders;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.time.Deadline;
import org.safereport.time.WorkingCalendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The routing policy and people directory files as they are written, with what each field must hold;
 * {@link PolicyFiles} reads them, checks these constraints and then what relates fields to each other.
 */
final class PolicyDocuments {

    private static final String REQUIRED = "is required";

    private PolicyDocuments() {
    }

    /** An optional list: absent is empty. */
    private static <T> List<T> orEmpty(List<T> list) {
        return Objects.requireNonNullElse(list, List.of());
    }

    record PolicyDocument(@NotBlank(message = REQUIRED) String version,
                          @NotNull(message = REQUIRED) LocalDate approvedOn,
                          @NotNull(message = REQUIRED) Period reviewInterval,
                          @NotNull(message = REQUIRED) @TimeZoneId String timeZone,
                          @NotNull(message = REQUIRED) @Valid WorkingHours workingHours,
                          List<LocalDate> bankHolidays,
                          @NotBlank(message = REQUIRED) String fallbackCategory,
                          @NotNull(message = REQUIRED) @Valid GeneralRules rules,
                          Period defaultRetention,
                          @DurationMin(nanos = 0, inclusive = false, message = "must be positive")
                          Duration defaultRemovalDeadline,
                          @NotEmpty(message = "at least one category is required")
                          List<@Valid CategoryDocument> categories,
                          @Size(min = 1, max = 500, message = "must be 1 to 500 characters, a few words on what changed")
                          String significantChange,
                          @Valid ReadingRemindersDocument readingReminders) {

        /**
         * Six years after closing unless the file says otherwise: the limitation period for most claims in
         * England and Wales, and what HR guidance gives disciplinary and grievance records.
         */
        static final Period DEFAULT_RETENTION = Period.ofYears(6);

        ReadingReminders readingRemindersOrDefault() {
            return readingReminders == null ? ReadingReminders.DEFAULT : readingReminders.toReminders();
        }

        Period defaultRetentionOrDefault() {
            return Objects.requireNonNullElse(defaultRetention, DEFAULT_RETENTION);
        }

        /** A day on the wall clock unless the file says otherwise: "removed within 24 hours" is what members are asked. */
        static final Duration DEFAULT_REMOVAL_DEADLINE = Duration.ofHours(24);

        Duration defaultRemovalDeadlineOrDefault() {
            return Objects.requireNonNullElse(defaultRemovalDeadline, DEFAULT_REMOVAL_DEADLINE);
        }

        /** @throws IllegalArgumentException if the working hours do not make a calendar */
        WorkingCalendar calendar() {
            return new WorkingCalendar(ZoneId.of(timeZone), Set.copyOf(workingHours.days()), workingHours.start(),
                    workingHours.end(), Set.copyOf(orEmpty(bankHolidays)));
        }
    }

    /**
     * @param safeguardingOverlay the category whose chain also runs when a young person may be at risk (rule 1)
     * @param endOfChainReminderInterval how often to remind the last recipient (rule 5); absent: the last step's deadline
     * @param passedOverGoesTo rule 2: who a step goes to when its person is the report's subject or its reporter
     * @param lastResort who is told when nobody at a step can be, in order: the first role none of whose holders
     *                   is involved in the case; absent: the DSL, then the Chief Executive
     */
    record GeneralRules(@NotBlank(message = REQUIRED) String safeguardingOverlay,
                        @DurationMin(nanos = 0, inclusive = false, message = "must be positive")
                        Duration endOfChainReminderInterval,
                        @NotEmpty(message = "is required: who a step goes to when its person is passed over (rule 2)")
                        Map<Role, Role> passedOverGoesTo,
                        List<@NotNull(message = REQUIRED) Role> lastResort) {

        /** The DSL by default; the Chief Executive when the DSL is involved. */
        static final List<Role> DEFAULT_LAST_RESORT = List.of(Role.DSL, Role.CHIEF_EXECUTIVE);

        List<Role> lastResortOrDefault() {
            return lastResort == null || lastResort.isEmpty() ? DEFAULT_LAST_RESORT : lastResort;
        }
    }

    /** Left out: {@link ReadingReminders#DEFAULT}. */
    record ReadingRemindersDocument(@NotNull(message = REQUIRED)
                                    @DurationMin(days = 1, message = "must be at least a day (P1D)") Duration interval,
                                    @NotNull(message = REQUIRED)
                                    @Min(value = 0, message = "must be between 0 and 52") @Max(value = 52, message = "must be between 0 and 52")
                                    Integer limit) {

        ReadingReminders toReminders() {
            return new ReadingReminders(interval, limit);
        }
    }

    record WorkingHours(@NotEmpty(message = "at least one working day is required") List<DayOfWeek> days,
                        @NotNull(message = REQUIRED) LocalTime start,
                        @NotNull(message = REQUIRED) LocalTime end) {
    }

    record CategoryDocument(@NotBlank(message = REQUIRED) String code,
                            @NotBlank(message = REQUIRED) String label,
                            String hint,
                            @NotBlank(message = REQUIRED) String guidance,
                            @NotBlank(message = REQUIRED) String urgency,
                            @NotBlank(message = REQUIRED) String recipientAction,
                            @NotNull(message = REQUIRED) Role firstRecipient,
                            @NotNull(message = REQUIRED) Deadline deadline,
                            @NotEmpty(message = "at least one channel is required") List<Channel> channels,
                            List<@Valid ChainStepDocument> chain,
                            Period retention,
                            @DurationMin(nanos = 0, inclusive = false, message = "must be positive")
                            Duration removalDeadline) {

        /**
         * @param defaultRetention the policy's, for a category that sets none of its own
         * @param defaultRemovalDeadline likewise
         */
        CategoryRule toRule(Period defaultRetention, Duration defaultRemovalDeadline) {
            return new CategoryRule(code, label, Objects.requireNonNullElse(hint, ""), guidance, urgency, recipientAction,
                    firstRecipient, deadline, EnumSet.copyOf(channels), orEmpty(chain).stream().map(ChainStepDocument::toStep).toList(),
                    Objects.requireNonNullElse(retention, defaultRetention),
                    Objects.requireNonNullElse(removalDeadline, defaultRemovalDeadline));
        }
    }

    record ChainStepDocument(@NotNull(message = REQUIRED) Role role, @NotNull(message = REQUIRED) Deadline deadline) {

        CategoryRule.ChainStep toStep() {
            return new CategoryRule.ChainStep(role, deadline);
        }
    }

    record DirectoryDocument(@NotBlank(message = REQUIRED) String version,
                             @NotEmpty(message = "at least one person is required") List<@Valid PersonDocument> people) {
    }

    record PersonDocument(@NotBlank(message = REQUIRED) String id,
                          @NotBlank(message = REQUIRED) String name,
                          @NotBlank(message = REQUIRED) @Email(message = "must be an email address, was ${validatedValue}")
                          String email,
                          // E.164: a plus, the country code and the number, 8 to 15 digits in all.
                          @Pattern(regexp = "\\+[1-9][0-9]{7,14}",
                                  message = "must be an E.164 number such as +447700900123, was ${validatedValue}")
                          String mobile,
                          List<Role> roles,
                          String lineManager,
                          List<@Valid AbsenceDocument> absences,
                          @TimeZoneId String timeZone) {

        Person toPerson() {
            return new Person(id, name, email, mobile, Set.copyOf(orEmpty(roles)), lineManager,
                    orEmpty(absences).stream().map(AbsenceDocument::toAbsence).toList(),
                    timeZone == null ? null : ZoneId.of(timeZone));
        }
    }

    record AbsenceDocument(@NotNull(message = REQUIRED) Instant from, @NotNull(message = REQUIRED) Instant until, String cover) {

        Person.Absence toAbsence() {
            return new Person.Absence(from, until, cover);
        }
    }
}
