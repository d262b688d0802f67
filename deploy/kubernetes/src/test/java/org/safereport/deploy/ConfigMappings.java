package org.safereport.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The properties a {@code @ConfigMapping} interface declares, read from its source: each method's name
 * in kebab case (or its {@code @WithName}) under the prefix, groups (interfaces of the same file,
 * including what they extend) expanded, and whether the property is required (no {@code @WithDefault},
 * not Optional). Enough for the services' simple mappings; a mapping it cannot read yields nothing, and
 * the caller falls back to accepting any variable under the prefix.
 */
final class ConfigMappings {

    /** One property: its full name, and whether Quarkus refuses to start without it. */
    record Property(String name, boolean required) {
    }

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"[^)]*\\)\\s*public\\s+interface\\s+(\\w+)");
    private static final Pattern INTERFACE = Pattern.compile("interface\\s+(\\w+)(?:\\s+extends\\s+([\\w\\s,]+))?\\s*\\{");
    private static final Pattern METHOD = Pattern.compile("((?:@\\w+(?:\\([^)]*\\))?\\s+)*)([\\w.]+(?:<[^;()]*>)?)\\s+(\\w+)\\(\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\\s*\"([^\"]+)\"\\s*\\)");

    private ConfigMappings() {
    }

    /** The prefix of the mapping in {@code java}, if it has one. */
    static Optional<String> prefix(String java) {
        Matcher matcher = MAPPING.matcher(stripComments(java));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The properties of the mapping declared in {@code java} (empty if there is none). */
    static List<Property> properties(String java) {
        String source = stripComments(java);
        Matcher mapping = MAPPING.matcher(source);
        if (!mapping.find()) {
            return List.of();
        }
        Map<String, Declaration> interfaces = interfaces(source);
        Map<String, Property> properties = new LinkedHashMap<>();
        expand(mapping.group(2), mapping.group(1), interfaces, properties, 0);
        return List.copyOf(properties.values());
    }

    private record Declaration(List<String> parents, String body) {
    }

    private static void expand(String type, String prefix, Map<String, Declaration> interfaces,
                               Map<String, Property> properties, int depth) {
        Declaration declaration = interfaces.get(type);
        if (declaration == null || depth > 10) {
            return;
        }
        for (String parent : declaration.parents()) {
            expand(parent, prefix, interfaces, properties, depth + 1);
        }
        Matcher method = METHOD.matcher(declaration.body());
        while (method.find()) {
            String annotations = method.group(1);
            String returnType = method.group(2);
            Matcher withName = WITH_NAME.matcher(annotations);
            String name = prefix + "." + (withName.find() ? withName.group(1) : kebab(method.group(3)));
            if (interfaces.containsKey(returnType)) {
                expand(returnType, name, interfaces, properties, depth + 1);
            } else {
                boolean optional = returnType.startsWith("Optional") || annotations.contains("@WithDefault");
                properties.put(name, new Property(name, !optional));
            }
        }
    }

    /** Each interface of the file with its own top-level text (nested bodies and default methods cut out). */
    private static Map<String, Declaration> interfaces(String source) {
        Map<String, Declaration> interfaces = new LinkedHashMap<>();
        Matcher matcher = INTERFACE.matcher(source);
        while (matcher.find()) {
            int open = matcher.end() - 1;
            StringBuilder own = new StringBuilder();
            int depth = 0;
            for (int i = open; i < source.length(); i++) {
                char c = source.charAt(i);
                if (c == '{') {
                    depth++;
                    if (depth == 2) {
                        own.append(';'); // a nested body ends a declaration, like a semicolon
                    }
                } else if (c == '}') {
                    depth--;
                    if (depth == 0) {
                        break;
                    }
                } else if (depth == 1) {
                    own.append(c);
                }
            }
            List<String> parents = matcher.group(2) == null ? List.of()
                    : List.of(matcher.group(2).trim().split("\\s*,\\s*"));
            String members = own.toString().replaceAll("(default|static|private)\\s[^;]*;", ";");
            interfaces.put(matcher.group(1), new Declaration(parents, members));
        }
        return interfaces;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String stripComments(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }
}
