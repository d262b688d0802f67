package org.safereport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package of a service imports which, read from its sources: the layout the module READMEs describe
 * (workflows use persistence, messaging calls workflows, nothing imports back) is checked by a test, so
 * that it stays true as the code grows.
 */
public final class PackageDependencies {

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** The package of an imported type: the segments before the first capitalised one. */
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?((?:[a-z]\\w*\\.)+)[A-Z]", Pattern.MULTILINE);

    private final Map<String, Set<String>> imports;

    private PackageDependencies(Map<String, Set<String>> imports) {
        this.imports = imports;
    }

    /** The imports between packages under {@code rootPackage} in the sources below {@code sourceRoot}. */
    public static PackageDependencies read(Path sourceRoot, String rootPackage) {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher declared = PACKAGE.matcher(source);
                if (!declared.find()) {
                    continue;
                }
                Set<String> imported = imports.computeIfAbsent(declared.group(1), name -> new TreeSet<>());
                Matcher matcher = IMPORT.matcher(source);
                while (matcher.find()) {
                    String target = matcher.group(1).substring(0, matcher.group(1).length() - 1);
                    if ((target.equals(rootPackage) || target.startsWith(rootPackage + ".")) && !target.equals(declared.group(1))) {
                        imported.add(target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PackageDependencies(imports);
    }

    /** Every chain of imports that leads from a package back to itself, e.g. "a -> b -> a"; empty when there is none. */
    public List<String> cycles() {
        List<String> cycles = new ArrayList<>();
        for (String start : imports.keySet()) {
            Deque<List<String>> paths = new ArrayDeque<>();
            paths.push(List.of(start));
            Set<String> seen = new TreeSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.pop();
                for (String next : imports.getOrDefault(path.get(path.size() - 1), Set.of())) {
                    if (next.equals(start)) {
                        cycles.add(String.join(" -> ", path) + " -> " + start);
                    } else if (next.compareTo(start) > 0 && seen.add(next)) {
                        // Each cycle is reported once, from its smallest package.
                        List<String> longer = new ArrayList<>(path);
                        longer.add(next);
                        paths.push(longer);
                    }
                }
            }
        }
        return cycles;
    }

    /** The packages {@code from} imports. */
    public Set<String> importedBy(String from) {
        return imports.getOrDefault(from, Set.of());
    }
}
