package org.safereport.escalation.config;

import org.safereport.escalation.config.PolicyDocuments.DirectoryDocument;
import org.safereport.escalation.config.PolicyDocuments.PersonDocument;
import org.safereport.escalation.config.PolicyDocuments.PolicyDocument;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.time.WorkingCalendar;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads and validates the two data files the routing depends on: the routing policy and the people
 * directory. Every problem found is reported, each naming the file, the line and the field, so that ops
 * can fix a file in one go; a file with any problem is refused as a whole.
 * <p>
 * What a single field must hold is declared on the {@link PolicyDocuments}, as Bean Validation constraints.
 * What relates fields to each other (a fallback that is not a category, a role nobody holds, a line
 * manager who is not in the directory) is checked in code, once a file's fields are all valid: on an
 * incomplete file those checks would mostly report the same mistake again.
 */
public final class PolicyFiles {

    /** See {@link #checkRetention}. */
    static final Period SHORTEST_RETENTION = Period.ofMonths(1);

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

    public static Loaded load(String policyName, byte[] policyBytes, String directoryName, byte[] directoryBytes) {
        YamlFile policyFile = new YamlFile(policyName, policyBytes);
        YamlFile directoryFile = new YamlFile(directoryName, directoryBytes);
        PolicyDocument policyDocument = policyFile.read(PolicyDocument.class);
        DirectoryDocument directoryDocument = directoryFile.read(DirectoryDocument.class);
        Directory directory = directoryFile.checkFields(directoryDocument) ? toDirectory(directoryFile, directoryDocument) : null;
        RoutingPolicy policy = policyFile.checkFields(policyDocument)
                ? toPolicy(policyFile, policyDocument, sha256(policyBytes), directory) : null;
        List<String> problems = Stream.concat(directoryFile.problems(), policyFile.problems()).toList();
        if (!problems.isEmpty()) {
            throw new InvalidFileException(problems);
        }
        return new Loaded(policy, directory);
    }

    /** The directory, if the checks across its people pass; {@code null} otherwise, with the problems added. */
    private static Directory toDirectory(YamlFile file, DirectoryDocument document) {
        List<PersonDocument> people = document.people();
        checkUnique(file, "people", "id", people.stream().map(PersonDocument::id).toList());
        checkUnique(file, "people", "email", people.stream().map(person -> person.email().toLowerCase(Locale.ROOT)).toList());
        if (file.foundAny()) {
            return null; // a directory is looked up by id and by email: it cannot be built with duplicates
        }
        Directory directory = new Directory(document.version(), people.stream().map(PersonDocument::toPerson).toList());
        for (int i = 0; i < directory.people().size(); i++) {
            Person person = directory.people().get(i);
            if (person.lineManagerId() != null && directory.byId(person.lineManagerId()).isEmpty()) {
                file.add("people[" + i + "].lineManager", "no person has the id " + person.lineManagerId());
            }
            for (int a = 0; a < person.absences().size(); a++) {
                checkAbsence(file, "people[" + i + "].absences[" + a + "]", person.absences().get(a), directory);
            }
        }
        return file.foundAny() ? null : directory;
    }

    private static void checkUnique(YamlFile file, String list, String field, List<String> values) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) {
                file.add(list + "[" + i + "]." + field, "appears twice: " + values.get(i));
            }
        }
    }

    private static void checkAbsence(YamlFile file, String field, Person.Absence absence, Directory directory) {
        if (!absence.from().isBefore(absence.until())) {
            file.add(field, "must end after it starts");
        }
        if (absence.coverId() == null) {
            return;
        }
        Optional<Person> cover = directory.byId(absence.coverId());
        if (cover.isEmpty()) {
            file.add(field + ".cover", "no person has the id " + absence.coverId());
        } else if (cover.get().absences().stream()
                .anyMatch(c -> c.from().isBefore(absence.until()) && absence.from().isBefore(c.until()))) {
            file.add(field + ".cover", absence.coverId() + " is absent at the same time");
        }
    }

    /**
     * The policy, if the checks across its categories pass, and against the directory unless that is
     * invalid; {@code null} otherwise, with the problems added.
     */
    private static RoutingPolicy toPolicy(YamlFile file, PolicyDocument document, String hash, Directory directory) {
        List<CategoryRule> rules = document.categories().stream()
                .map(category -> category.toRule(document.defaultRetentionOrDefault(),
                        document.defaultRemovalDeadlineOrDefault())).toList();
        checkUnique(file, "categories", "code", rules.stream().map(CategoryRule::code).toList());
        checkRetention(file, "defaultRetention", document.defaultRetentionOrDefault());
        Map<String, CategoryRule> categories = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            categories.putIfAbsent(rules.get(i).code(), rules.get(i));
            checkSteps(file, "categories[" + i + "].", rules.get(i).steps(), directory);
            if (document.categories().get(i).retention() != null) {
                checkRetention(file, "categories[" + i + "].retention", rules.get(i).retention());
            }
        }
        checkIsCategory(file, "fallbackCategory", document.fallbackCategory(), categories);
        checkIsCategory(file, "rules.safeguardingOverlay", document.rules().safeguardingOverlay(), categories);
        checkReplacements(file, document.rules().passedOverGoesTo(), categories.values());
        WorkingCalendar calendar = toCalendar(file, document);
        if (file.foundAny()) {
            return null;
        }
        return new RoutingPolicy(document.version(), hash, document.approvedOn(), document.reviewInterval(), calendar,
                document.fallbackCategory(), document.rules().safeguardingOverlay(),
                Optional.ofNullable(document.rules().endOfChainReminderInterval()), document.rules().passedOverGoesTo(),
                document.rules().lastResortOrDefault(), categories, Optional.ofNullable(document.significantChange()),
                document.readingRemindersOrDefault());
    }

    /** Rule 2 replaces a passed-over person, never drops them: every role a chain uses has a replacement. */
    private static void checkReplacements(YamlFile file, Map<Role, Role> goesTo, Collection<CategoryRule> categories) {
        String field = "rules.passedOverGoesTo";
        categories.stream().flatMap(rule -> rule.steps().stream()).map(CategoryRule.ChainStep::role).distinct()
                .filter(role -> !goesTo.containsKey(role))
                .forEach(role -> file.add(field, "has no replacement for " + role + ", which a chain uses"));
        goesTo.entrySet().stream().filter(replacement -> replacement.getKey() == replacement.getValue())
                .forEach(replacement -> file.add(field + "." + replacement.getKey(), "cannot go to the role passed over"));
    }

    /** No role twice in a chain (a cycle), and each held by someone, except the reporter's own line manager. */
    private static void checkSteps(YamlFile file, String category, List<CategoryRule.ChainStep> steps, Directory directory) {
        for (int s = 0; s < steps.size(); s++) {
            String field = category + (s == 0 ? "firstRecipient" : "chain[" + (s - 1) + "].role");
            Role role = steps.get(s).role();
            if (steps.subList(0, s).stream().anyMatch(earlier -> earlier.role() == role)) {
                file.add(field, role + " appears twice in the chain (a cycle)");
            }
            if (role != Role.LINE_MANAGER && directory != null && directory.holders(role).isEmpty()) {
                file.add(field, role + " is used but no one in the directory holds it");
            }
        }
    }

    /**
     * A retention period is at least {@link #SHORTEST_RETENTION}, measured from the start of the shortest month
     * (P1M is 28 days there): no event about a case may outlive its content, and an event stays on Kafka up to
     * 21 days (7 on its topic, 14 more as a dead letter; deploy/kubernetes/base/kafka/topics.yaml).
     */
    private static void checkRetention(YamlFile file, String field, Period retention) {
        LocalDate shortestMonth = LocalDate.of(2001, 2, 1);
        if (retention.isNegative() || shortestMonth.plus(retention).isBefore(shortestMonth.plus(SHORTEST_RETENTION))) {
            file.add(field, "must be at least " + SHORTEST_RETENTION + " (events about a case stay on Kafka up to 21 days), was "
                    + retention);
        }
    }

    private static void checkIsCategory(YamlFile file, String field, String code, Map<String, CategoryRule> categories) {
        if (!categories.containsKey(code)) {
            file.add(field, "is not one of the categories: " + code);
        }
    }

    /** The calendar of the working hours, or {@code null} with a problem when they do not make one. */
    private static WorkingCalendar toCalendar(YamlFile file, PolicyDocument document) {
        try {
            return document.calendar();
        } catch (IllegalArgumentException e) {
            file.add("workingHours", e.getMessage());
            return null;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
