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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

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
            String where = e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr();
            throw new PolicyFiles.InvalidFileException(List.of(name + where + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new PolicyFiles.InvalidFileException(List.of(name + ": " + e.getMessage()));
        }
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
