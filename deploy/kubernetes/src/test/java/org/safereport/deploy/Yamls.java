package org.safereport.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading parsed YAML (the resources without a Java model) by dotted path. */
final class Yamls {

    private Yamls() {
    }

    static Optional<Object> at(Map<String, Object> document, String dottedPath) {
        Object current = document;
        for (String step : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            current = map.get(step);
        }
        return Optional.ofNullable(current);
    }

    static String text(Map<String, Object> document, String dottedPath) {
        return at(document, dottedPath).map(String::valueOf).orElse(null);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> document, String dottedPath) {
        return at(document, dottedPath).map(value -> (List<Map<String, Object>>) value).orElse(List.of());
    }

    static String name(Map<String, Object> document) {
        return text(document, "metadata.name");
    }
}
