package org.safereport.escalation.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A YAML file read into a document record, and the problems found in it, each named as ops look for it:
 * the file, the line and the path of the field ({@code routing-policy.yaml, line 62: categories[0].chain[0].role
 * is required}). The constraints on the record's fields are checked here; other checks add their own problems.
 */
final class YamlFile {

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // An empty item in a list ("- " alone, or "~") is a mistake to report, not a null for the checks to trip on.
            .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
            .build();
    // Bootstrapped here rather than injected: the files are also loaded outside CDI, by the routing tests.
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private record Problem(int line, String text) {
    }

    private final String name;
    private final byte[] content;
    private final YamlLines lines;
    private final List<Problem> found = new ArrayList<>();

    YamlFile(String name, byte[] content) {
        this.name = name;
        this.content = content;
        this.lines = new YamlLines(new String(content, StandardCharsets.UTF_8));
    }

    /** The document the file holds; a file that cannot be read into one is refused with the first problem. */
    <T> T read(Class<T> type) {
        try {
            T document = YAML.readValue(content, type);
            if (document == null) {
                throw new PolicyFiles.InvalidFileException(List.of(name + ": the file is empty"));
            }
            return document;
        } catch (JsonProcessingException e) {
            throw new PolicyFiles.InvalidFileException(List.of(unreadable(e)));
        } catch (IOException e) {
            throw new PolicyFiles.InvalidFileException(List.of(name + ": " + e.getMessage()));
        }
    }

    private String unreadable(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            // Named by the field's path: Jackson's own position is where it noticed, often a later line.
            return problem(fieldPath(mapping.getPath()), e.getOriginalMessage()).text();
        }
        String where = e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr();
        return name + where + ": " + e.getOriginalMessage();
    }

    /** Adds a problem for each constraint of the document that is broken; {@code true} if none is. */
    boolean checkFields(Object document) {
        Set<ConstraintViolation<Object>> violations = VALIDATOR.validate(document);
        violations.forEach(violation -> add(fieldPath(violation), violation.getMessage()));
        return violations.isEmpty();
    }

    void add(String field, String message) {
        found.add(problem(field, message));
    }

    boolean foundAny() {
        return !found.isEmpty();
    }

    Stream<String> problems() {
        return found.stream().sorted(Comparator.comparingInt(Problem::line).thenComparing(Problem::text)).map(Problem::text);
    }

    private Problem problem(String field, String message) {
        OptionalInt line = lines.lineOf(field);
        String where = line.isPresent() ? ", line " + line.getAsInt() : "";
        return new Problem(line.orElse(0), name + where + ": " + field + " " + message);
    }

    /** A field's path as the file spells it, from its names and indexes: {@code categories[0].chain[1].role}. */
    private static String fieldPath(Stream<?> namesAndIndexes) {
        StringBuilder path = new StringBuilder();
        namesAndIndexes.forEach(segment -> path.append(segment instanceof Integer index ? "[" + index + "]"
                : (path.isEmpty() ? "" : ".") + segment));
        return path.toString();
    }

    private static String fieldPath(List<JsonMappingException.Reference> references) {
        return fieldPath(references.stream().map(reference -> reference.getIndex() >= 0 ? reference.getIndex() : reference.getFieldName()));
    }

    private static String fieldPath(ConstraintViolation<?> violation) {
        // A property node carries its index in a list; a list element's own node ("<list element>") is not a field in the file.
        return fieldPath(StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .flatMap(node -> Stream.of(node.getIndex(), node.getKind() == ElementKind.PROPERTY ? node.getName() : null))
                .filter(Objects::nonNull));
    }
}
