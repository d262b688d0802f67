package org.safereport.escalation.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.safereport.escalation.config.PolicyDocuments.CategoryDocument;
import org.safereport.escalation.config.PolicyDocuments.DirectoryDocument;
import org.safereport.escalation.config.PolicyDocuments.PersonDocument;
import org.safereport.escalation.config.PolicyDocuments.PolicyDocument;
import org.safereport.escalation.domain.directory.Directory;
import org.safereport.escalation.domain.directory.Person;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.policy.RoutingPolicy;
import org.safereport.time.WorkingCalendar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    // Bootstrapped here rather than injected: the files are also loaded outside CDI, by the routing tests.
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

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
        PolicyDocument policyDocument = parse(policyName, policyBytes, PolicyDocument.class);
        DirectoryDocument directoryDocument = parse(directoryName, directoryBytes, DirectoryDocument.class);
        Problems inDirectory = new Problems(directoryName, directoryBytes);
        Problems inPolicy = new Problems(policyName, policyBytes);
        Directory directory = inDirectory.checkFields(directoryDocument) ? toDirectory(inDirectory, directoryDocument) : null;
        RoutingPolicy policy = inPolicy.checkFields(policyDocument)
                ? toPolicy(inPolicy, policyDocument, sha256(policyBytes), directory) : null;
        List<String> problems = Stream.concat(inDirectory.inFileOrder(), inPolicy.inFileOrder()).toList();
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
        } catch (IOException e) {
            throw new InvalidFileException(List.of(name + ": " + e.getMessage()));
        }
    }

    /** The directory, if the checks across its people pass; {@code null} otherwise, with the problems added. */
    private static Directory toDirectory(Problems check, DirectoryDocument document) {
        List<PersonDocument> people = document.people();
        checkUnique(check, "people", "id", people.stream().map(PersonDocument::id).toList());
        checkUnique(check, "people", "email", people.stream().map(person -> person.email().toLowerCase(Locale.ROOT)).toList());
        if (check.foundAny()) {
            return null; // a directory is looked up by id and by email: it cannot be built with duplicates
        }
        Directory directory = new Directory(document.version(), people.stream().map(PersonDocument::toPerson).toList());
        for (int i = 0; i < directory.people().size(); i++) {
            Person person = directory.people().get(i);
            if (person.lineManagerId() != null && directory.byId(person.lineManagerId()).isEmpty()) {
                check.add("people[" + i + "].lineManager", "no person has the id " + person.lineManagerId());
            }
            for (int a = 0; a < person.absences().size(); a++) {
                checkAbsence(check, "people[" + i + "].absences[" + a + "]", person.absences().get(a), directory);
            }
        }
        return check.foundAny() ? null : directory;
    }

    private static void checkUnique(Problems check, String list, String field, List<String> values) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) {
                check.add(list + "[" + i + "]." + field, "appears twice: " + values.get(i));
            }
        }
    }

    private static void checkAbsence(Problems check, String field, Person.Absence absence, Directory directory) {
        if (!absence.from().isBefore(absence.until())) {
            check.add(field, "must end after it starts");
        }
        if (absence.coverId() == null) {
            return;
        }
        Optional<Person> cover = directory.byId(absence.coverId());
        if (cover.isEmpty()) {
            check.add(field + ".cover", "no person has the id " + absence.coverId());
        } else if (cover.get().absences().stream()
                .anyMatch(c -> c.from().isBefore(absence.until()) && absence.from().isBefore(c.until()))) {
            check.add(field + ".cover", absence.coverId() + " is absent at the same time");
        }
    }

    /**
     * The policy, if the checks across its categories pass, and against the directory unless that is
     * invalid; {@code null} otherwise, with the problems added.
     */
    private static RoutingPolicy toPolicy(Problems check, PolicyDocument document, String hash, Directory directory) {
        List<CategoryRule> rules = document.categories().stream().map(CategoryDocument::toRule).toList();
        checkUnique(check, "categories", "code", rules.stream().map(CategoryRule::code).toList());
        Map<String, CategoryRule> categories = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            categories.putIfAbsent(rules.get(i).code(), rules.get(i));
            checkSteps(check, "categories[" + i + "].", rules.get(i).steps(), directory);
        }
        checkIsCategory(check, "fallbackCategory", document.fallbackCategory(), categories);
        checkIsCategory(check, "rules.safeguardingOverlay", document.rules().safeguardingOverlay(), categories);
        WorkingCalendar calendar = toCalendar(check, document);
        if (check.foundAny()) {
            return null;
        }
        return new RoutingPolicy(document.version(), hash, document.approvedOn(), document.reviewInterval(), calendar,
                document.fallbackCategory(), document.rules().safeguardingOverlay(),
                Optional.ofNullable(document.rules().endOfChainReminderInterval()), categories);
    }

    /** No role twice in a chain (a cycle), and each held by someone, except the reporter's own line manager. */
    private static void checkSteps(Problems check, String category, List<CategoryRule.ChainStep> steps, Directory directory) {
        for (int s = 0; s < steps.size(); s++) {
            String field = category + (s == 0 ? "firstRecipient" : "chain[" + (s - 1) + "].role");
            Role role = steps.get(s).role();
            if (steps.subList(0, s).stream().anyMatch(earlier -> earlier.role() == role)) {
                check.add(field, role + " appears twice in the chain (a cycle)");
            }
            if (role != Role.LINE_MANAGER && directory != null && directory.holders(role).isEmpty()) {
                check.add(field, role + " is used but no one in the directory holds it");
            }
        }
    }

    private static void checkIsCategory(Problems check, String field, String code, Map<String, CategoryRule> categories) {
        if (!categories.containsKey(code)) {
            check.add(field, "is not one of the categories: " + code);
        }
    }

    /** The calendar of the working hours, or {@code null} with a problem when they do not make one. */
    private static WorkingCalendar toCalendar(Problems check, PolicyDocument document) {
        try {
            return document.calendar();
        } catch (IllegalArgumentException e) {
            check.add("workingHours", e.getMessage());
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

    /** The problems found in one file, each naming the file, the line and the path of the field. */
    private static final class Problems {

        private record Problem(int line, String text) {
        }

        private final String file;
        private final YamlLines lines;
        private final List<Problem> found = new ArrayList<>();

        Problems(String file, byte[] content) {
            this.file = file;
            this.lines = new YamlLines(new String(content, StandardCharsets.UTF_8));
        }

        /** Adds a problem for each constraint of the document that is broken; {@code true} if none is. */
        boolean checkFields(Object document) {
            Set<ConstraintViolation<Object>> violations = VALIDATOR.validate(document);
            violations.forEach(violation -> add(fieldPath(violation), violation.getMessage()));
            return violations.isEmpty();
        }

        void add(String field, String message) {
            OptionalInt line = lines.lineOf(field);
            String where = line.isPresent() ? ", line " + line.getAsInt() : "";
            found.add(new Problem(line.orElse(0), file + where + ": " + field + " " + message));
        }

        boolean foundAny() {
            return !found.isEmpty();
        }

        Stream<String> inFileOrder() {
            return found.stream().sorted(Comparator.comparingInt(Problem::line).thenComparing(Problem::text)).map(Problem::text);
        }

        /** The violation's property path as the file spells it: {@code categories[0].chain[1].role}. */
        private static String fieldPath(ConstraintViolation<?> violation) {
            StringBuilder path = new StringBuilder();
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getIndex() != null) {
                    path.append('[').append(node.getIndex()).append(']');
                }
                if (node.getKind() == ElementKind.PROPERTY) {
                    path.append(path.isEmpty() ? "" : ".").append(node.getName());
                }
            }
            return path.toString();
        }
    }
}
