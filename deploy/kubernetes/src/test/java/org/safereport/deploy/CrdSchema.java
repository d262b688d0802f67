package org.safereport.deploy;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks custom resources against schemas in the CRDs' openAPIV3Schema form, with the API server's
 * structural-schema rules: an object accepts only the properties its schema names (unless it preserves
 * unknown fields or declares additionalProperties), required properties must be there, and scalars must
 * have the declared type, enum value, pattern and minimum. Used for the operators whose Java model is
 * not available here (CloudNativePG, the Prometheus Operator), from the excerpts in src/test/resources/crd-schemas.
 */
final class CrdSchema {

    private final Map<String, Map<String, Map<String, Object>>> schemasByApiVersionAndKind;

    private CrdSchema(Map<String, Map<String, Map<String, Object>>> schemas) {
        this.schemasByApiVersionAndKind = schemas;
    }

    /** The schemas in every file of {@code directory}, one file per operator. */
    @SuppressWarnings("unchecked")
    static CrdSchema load(Path directory) {
        Map<String, Map<String, Map<String, Object>>> schemas = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    schemas.putAll((Map<String, Map<String, Map<String, Object>>>) new Yaml().load(reader));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CrdSchema(schemas);
    }

    boolean covers(String apiVersion, String kind) {
        return schema(apiVersion, kind).isPresent();
    }

    /** The problems of {@code resource} (a parsed YAML document), each naming the field's path. */
    List<String> problems(Map<String, Object> resource) {
        String apiVersion = String.valueOf(resource.get("apiVersion"));
        String kind = String.valueOf(resource.get("kind"));
        Map<String, Object> schema = schema(apiVersion, kind)
                .orElseThrow(() -> new IllegalArgumentException("no schema for " + apiVersion + " " + kind));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> field : resource.entrySet()) {
            // apiVersion, kind and metadata are checked by the API server itself, not by the CRD.
            if (!List.of("apiVersion", "kind", "metadata").contains(field.getKey())) {
                check(property(schema, field.getKey()), field.getValue(), field.getKey(), problems);
            }
        }
        return problems;
    }

    private Optional<Map<String, Object>> schema(String apiVersion, String kind) {
        return Optional.ofNullable(schemasByApiVersionAndKind.get(apiVersion)).map(kinds -> kinds.get(kind));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> property(Map<String, Object> objectSchema, String name) {
        Map<String, Object> properties = (Map<String, Object>) objectSchema.getOrDefault("properties", Map.of());
        return (Map<String, Object>) properties.get(name);
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> schema, Object value, String path, List<String> problems) {
        if (schema == null) {
            problems.add("unknown field " + path);
            return;
        }
        String type = (String) schema.get("type");
        if (value == null || type == null) {
            return;
        }
        switch (type) {
            case "object" -> {
                if (!(value instanceof Map<?, ?> map)) {
                    problems.add(path + " must be an object");
                    return;
                }
                for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
                    if (!map.containsKey(required)) {
                        problems.add(path + "." + required + " is required");
                    }
                }
                if (Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"))) {
                    return;
                }
                Map<String, Object> additional = (Map<String, Object>) schema.get("additionalProperties");
                for (Map.Entry<String, Object> field : ((Map<String, Object>) map).entrySet()) {
                    Map<String, Object> fieldSchema = additional != null ? additional : property(schema, field.getKey());
                    check(fieldSchema, field.getValue(), path + "." + field.getKey(), problems);
                }
            }
            case "array" -> {
                if (!(value instanceof List<?> list)) {
                    problems.add(path + " must be a list");
                    return;
                }
                for (int i = 0; i < list.size(); i++) {
                    check((Map<String, Object>) schema.get("items"), list.get(i), path + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!(value instanceof String text)) {
                    problems.add(path + " must be a string (quote it), was " + value);
                    return;
                }
                List<Object> allowed = (List<Object>) schema.get("enum");
                if (allowed != null && !allowed.contains(text)) {
                    problems.add(path + " must be one of " + allowed + ", was " + text);
                }
                Object pattern = schema.get("pattern");
                if (pattern != null && !Pattern.compile((String) pattern).matcher(text).find()) {
                    problems.add(path + " must match " + pattern + ", was " + text);
                }
                Object minLength = schema.get("minLength");
                if (minLength != null && text.length() < ((Number) minLength).intValue()) {
                    problems.add(path + " must not be empty");
                }
            }
            case "integer" -> {
                if (!(value instanceof Integer || value instanceof Long)) {
                    problems.add(path + " must be an integer, was " + value);
                    return;
                }
                Object minimum = schema.get("minimum");
                if (minimum != null && ((Number) value).longValue() < ((Number) minimum).longValue()) {
                    problems.add(path + " must be at least " + minimum + ", was " + value);
                }
            }
            case "boolean" -> {
                if (!(value instanceof Boolean)) {
                    problems.add(path + " must be true or false, was " + value);
                }
            }
            default -> throw new IllegalArgumentException("schema type " + type + " at " + path + " is not supported");
        }
    }
}
