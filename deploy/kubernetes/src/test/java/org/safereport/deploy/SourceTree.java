package org.safereport.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository as the checks see it: the services (every module of the root pom named *-service),
 * what each reads in production, and the Secrets that the runbook says ops create.
 */
final class SourceTree {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]*-service)</module>");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    private final Path root;
    private final List<ServiceSources> services;
    private final Map<String, Set<String>> secretsCreatedByOps;

    private SourceTree(Path root, List<ServiceSources> services, Map<String, Set<String>> secretsCreatedByOps) {
        this.root = root;
        this.services = services;
        this.secretsCreatedByOps = secretsCreatedByOps;
    }

    static SourceTree read(Path root, Path runbook) {
        List<Path> shared = List.of(root.resolve("messaging-support"), root.resolve("envelope-encryption"));
        List<ServiceSources> services = serviceModules(root).stream()
                .map(module -> ServiceSources.read(root.resolve(module), shared))
                .toList();
        return new SourceTree(root, services, secretsTable(runbook));
    }

    Path root() {
        return root;
    }

    List<ServiceSources> services() {
        return services;
    }

    Optional<ServiceSources> service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst();
    }

    /** Secret name to its keys, from the runbook's "Secrets" table. */
    Map<String, Set<String>> secretsCreatedByOps() {
        return secretsCreatedByOps;
    }

    private static List<String> serviceModules(Path root) {
        Matcher matcher = MODULE.matcher(read(root.resolve("pom.xml")));
        List<String> modules = new java.util.ArrayList<>();
        while (matcher.find()) {
            modules.add(matcher.group(1));
        }
        return modules;
    }

    /**
     * The rows of the table in the runbook's "## Secrets" section whose first two cells are the Secret's
     * name and its keys, each in backticks.
     */
    private static Map<String, Set<String>> secretsTable(Path runbook) {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : read(runbook).split("\n")) {
            if (line.startsWith("## ")) {
                inSection = line.startsWith("## Secrets");
            } else if (inSection && line.startsWith("|")) {
                String[] cells = line.split("\\|");
                if (cells.length > 2) {
                    Matcher secret = BACKTICKED.matcher(cells[1]);
                    if (secret.find()) {
                        Set<String> keys = new TreeSet<>();
                        Matcher key = BACKTICKED.matcher(cells[2]);
                        while (key.find()) {
                            keys.add(key.group(1));
                        }
                        secrets.put(secret.group(1), keys);
                    }
                }
            }
        }
        return secrets;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
