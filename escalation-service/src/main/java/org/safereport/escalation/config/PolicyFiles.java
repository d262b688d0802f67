package org.safereport.escalation.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.Channel;
import org.safereport.time.Deadline;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.time.WorkingCalendar;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the two data files the routing depends on: the routing policy and the people
 * directory. Every problem found is reported, each naming the file and the field, so that ops can fix
 * a file in one go; a file with any problem is refused as a whole.
 */
public final class PolicyFiles {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private PolicyFiles() {
    }

    /** The policy and the directory it is resolved against, both valid. */
    public record Loaded(RoutingPolicy policy, Directory directory) {
    }

    /** A file that cannot be used, with every problem found in it. */
    public static class InvalidFileException extends RuntimeException {

        private final List<String> problems;

        public InvalidFileException(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    record PolicyDocument(String version, LocalDate approvedOn, Period reviewInterval, String timeZone,
                          WorkingHours workingHours, List<LocalDate> bankHolidays, String fallbackCategory,
                          GeneralRules rules, List<CategoryDocument> categories) {
    }

    /**
     * @param safeguardingOverlay the category whose chain also runs when a young person may be at risk (rule 1)
     * @param endOfChainReminderInterval how often to remind the last recipient (rule 5); absent: the last step's deadline
     */
    record GeneralRules(String safeguardingOverlay, java.time.Duration endOfChainReminderInterval) {
    }

    record WorkingHours(List<DayOfWeek> days, LocalTime start, LocalTime end) {
    }

    record CategoryDocument(String code, String label, String hint, String guidance, String urgency,
                            String recipientAction, Role firstRecipient, Deadline deadline, List<Channel> channels,
                            List<CategoryRule.ChainStep> chain) {
    }

    record DirectoryDocument(String version, List<PersonDocument> people) {
    }

    record PersonDocument(String id, String name, String email, String mobile, List<Role> roles, String lineManager,
                          List<AbsenceDocument> absences) {
    }

    record AbsenceDocument(Instant from, Instant until, String cover) {
    }

    public static Loaded load(String policyName, byte[] policyBytes, String directoryName, byte[] directoryBytes) {
        PolicyDocument policyDocument = parse(policyName, policyBytes, PolicyDocument.class);
        DirectoryDocument directoryDocument = parse(directoryName, directoryBytes, DirectoryDocument.class);
        List<String> problems = new ArrayList<>();
        Directory directory = toDirectory(new Problems(directoryName, directoryBytes, problems), directoryDocument);
        RoutingPolicy policy = toPolicy(new Problems(policyName, policyBytes, problems), policyDocument,
                sha256(policyBytes), directory);
        if (!problems.isEmpty()) {
            throw new InvalidFileException(problems);
        }
        return new Loaded(policy, directory);
    }

    private static <T> T parse(String name, byte[] bytes, Class<T> type) {
        try {
            T document = YAML.readValue(bytes, type);
            if (document == null) {
                throw new InvalidFileException(List.of(name + ": the file is empty"));
            }
            return document;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr();
            throw new InvalidFileException(List.of(name + where + ": " + e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new InvalidFileException(List.of(name + ": " + e.getMessage()));
        }
    }

    private static RoutingPolicy toPolicy(Problems check, PolicyDocument document, String hash, Directory directory) {
        List<String> problems = check.sink();
        check.present("version", document.version());
        check.present("approvedOn", document.approvedOn());
        check.present("reviewInterval", document.reviewInterval());
        check.present("fallbackCategory", document.fallbackCategory());
        ZoneId zone = null;
        if (check.present("timeZone", document.timeZone())) {
            try {
                zone = ZoneId.of(document.timeZone());
            } catch (java.time.DateTimeException e) {
                check.problem("timeZone", "is not a time zone: " + document.timeZone());
            }
        }
        WorkingCalendar calendar = null;
        WorkingHours hours = document.workingHours();
        if (check.present("workingHours", hours) && check.present("workingHours.days", hours.days())
                && check.present("workingHours.start", hours.start()) && check.present("workingHours.end", hours.end())
                && zone != null) {
            try {
                calendar = new WorkingCalendar(zone, Set.copyOf(hours.days()), hours.start(), hours.end(),
                        Set.copyOf(Objects.requireNonNullElse(document.bankHolidays(), List.of())));
            } catch (IllegalArgumentException e) {
                check.problem("workingHours", e.getMessage());
            }
        }
        Map<String, CategoryRule> categories = new LinkedHashMap<>();
        List<CategoryDocument> categoryDocuments = Objects.requireNonNullElse(document.categories(), List.of());
        if (categoryDocuments.isEmpty()) {
            check.problem("categories", "at least one category is required");
        }
        for (int i = 0; i < categoryDocuments.size(); i++) {
            CategoryRule rule = toCategory(check.at("categories[" + i + "]"), categoryDocuments.get(i), directory);
            if (rule != null && categories.putIfAbsent(rule.code(), rule) != null) {
                check.problem("categories[" + i + "].code", "appears twice: " + rule.code());
            }
        }
        if (document.fallbackCategory() != null && !categories.containsKey(document.fallbackCategory())) {
            check.problem("fallbackCategory", "is not one of the categories: " + document.fallbackCategory());
        }
        GeneralRules rules = document.rules();
        if (check.present("rules", rules) && check.present("rules.safeguardingOverlay", rules.safeguardingOverlay())
                && !categories.containsKey(rules.safeguardingOverlay())) {
            check.problem("rules.safeguardingOverlay", "is not one of the categories: " + rules.safeguardingOverlay());
        }
        if (rules != null && rules.endOfChainReminderInterval() != null
                && (rules.endOfChainReminderInterval().isNegative() || rules.endOfChainReminderInterval().isZero())) {
            check.problem("rules.endOfChainReminderInterval", "must be positive");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new RoutingPolicy(document.version(), hash, document.approvedOn(), document.reviewInterval(), calendar,
                document.fallbackCategory(), rules.safeguardingOverlay(),
                java.util.Optional.ofNullable(rules.endOfChainReminderInterval()), categories);
    }

    private static CategoryRule toCategory(Problems check, CategoryDocument category, Directory directory) {
        boolean complete = check.present("code", category.code())
                & check.present("label", category.label())
                & check.present("guidance", category.guidance())
                & check.present("urgency", category.urgency())
                & check.present("recipientAction", category.recipientAction())
                & check.present("firstRecipient", category.firstRecipient())
                & check.present("deadline", category.deadline())
                & check.present("channels", category.channels());
        List<CategoryRule.ChainStep> chain = Objects.requireNonNullElse(category.chain(), List.of());
        List<Role> roles = new ArrayList<>();
        roles.add(category.firstRecipient());
        for (int i = 0; i < chain.size(); i++) {
            CategoryRule.ChainStep step = chain.get(i);
            complete &= check.present("chain[" + i + "].role", step.role()) & check.present("chain[" + i + "].deadline", step.deadline());
            if (roles.contains(step.role())) {
                check.problem("chain[" + i + "].role", step.role() + " appears twice in the chain (a cycle)");
            }
            roles.add(step.role());
        }
        for (Role role : roles) {
            if (role != null && role != Role.LINE_MANAGER && directory != null && directory.holders(role).isEmpty()) {
                check.problem("roles", role + " is used but no one in the directory holds it");
            }
        }
        if (category.channels() != null && category.channels().isEmpty()) {
            check.problem("channels", "at least one channel is required");
            complete = false;
        }
        if (!complete) {
            return null;
        }
        return new CategoryRule(category.code(), category.label(), Objects.requireNonNullElse(category.hint(), ""),
                category.guidance(), category.urgency(), category.recipientAction(), category.firstRecipient(),
                category.deadline(), EnumSet.copyOf(category.channels()), chain);
    }

    private static Directory toDirectory(Problems check, DirectoryDocument document) {
        List<String> problems = check.sink();
        check.present("version", document.version());
        List<PersonDocument> documents = Objects.requireNonNullElse(document.people(), List.of());
        List<Person> people = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        Set<String> emails = new java.util.HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            Problems at = check.at("people[" + i + "]");
            PersonDocument person = documents.get(i);
            boolean complete = at.present("id", person.id()) & at.present("name", person.name()) & at.present("email", person.email());
            if (person.id() != null && !ids.add(person.id())) {
                at.problem("id", "appears twice: " + person.id());
            }
            if (person.email() != null && !emails.add(person.email().toLowerCase(java.util.Locale.ROOT))) {
                at.problem("email", "appears twice: " + person.email());
            }
            if (person.mobile() != null && !E164.matcher(person.mobile()).matches()) {
                at.problem("mobile", "must be an E.164 number such as +447700900123, was " + person.mobile());
            }
            List<Person.Absence> absences = new ArrayList<>();
            List<AbsenceDocument> absenceDocuments = Objects.requireNonNullElse(person.absences(), List.of());
            for (int a = 0; a < absenceDocuments.size(); a++) {
                AbsenceDocument absence = absenceDocuments.get(a);
                if (at.present("absences[" + a + "].from", absence.from()) & at.present("absences[" + a + "].until", absence.until())) {
                    if (!absence.from().isBefore(absence.until())) {
                        at.problem("absences[" + a + "]", "must end after it starts");
                    }
                    absences.add(new Person.Absence(absence.from(), absence.until(), absence.cover()));
                }
            }
            if (complete) {
                people.add(new Person(person.id(), person.name(), person.email(), person.mobile(),
                        roleSet(person.roles()), person.lineManager(), absences));
            }
        }
        if (people.isEmpty()) {
            check.problem("people", "at least one person is required");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        Directory directory = new Directory(document.version(), people);
        for (int i = 0; i < people.size(); i++) {
            Person person = people.get(i);
            Problems at = check.at("people[" + i + "]");
            if (person.lineManagerId() != null && directory.byId(person.lineManagerId()).isEmpty()) {
                at.problem("lineManager", "no person has the id " + person.lineManagerId());
            }
            for (int a = 0; a < person.absences().size(); a++) {
                Person.Absence absence = person.absences().get(a);
                if (absence.coverId() == null) {
                    continue;
                }
                var cover = directory.byId(absence.coverId());
                if (cover.isEmpty()) {
                    at.problem("absences[" + a + "].cover", "no person has the id " + absence.coverId());
                } else if (cover.get().absences().stream().anyMatch(c -> c.from().isBefore(absence.until()) && absence.from().isBefore(c.until()))) {
                    at.problem("absences[" + a + "].cover", absence.coverId() + " is absent at the same time");
                }
            }
        }
        return problems.isEmpty() ? directory : null;
    }

    private static Set<Role> roleSet(List<Role> roles) {
        return roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collects problems, each prefixed with the file, the line and the path of the field. */
    private record Problems(String file, YamlLines lines, String path, List<String> sink) {

        Problems(String file, byte[] content, List<String> sink) {
            this(file, new YamlLines(new String(content, java.nio.charset.StandardCharsets.UTF_8)), "", sink);
        }

        Problems at(String child) {
            return new Problems(file, lines, path + child + ".", sink);
        }

        boolean present(String field, Object value) {
            if (value == null) {
                problem(field, "is required");
                return false;
            }
            return true;
        }

        void problem(String field, String message) {
            String line = lines.lineOf(path + field).stream().mapToObj(n -> ", line " + n).findFirst().orElse("");
            sink.add(file + line + ": " + path + field + " " + message);
        }
    }
}
